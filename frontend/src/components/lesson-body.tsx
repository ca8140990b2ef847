interface LessonBodyProps {
  /** The lesson's HTML, rendered from Markdown and sanitised by the catalog service. */
  html: string;
  /** The language the text is written in, marked for screen readers (and hyphenation). */
  lang: string;
  /** Names the lesson's region ("Lesson"). */
  label: string;
}

/**
 * A lesson's text set for reading: on the catalog's item page and in the catalog editor's
 * preview, so an editor sees exactly what the learner will.
 */
export function LessonBody({ html, lang, label }: LessonBodyProps) {
  return (
    <section aria-label={label} className="lesson">
      <div
        className="lesson__body"
        lang={lang}
        // Safe to insert: the service renders Markdown with raw HTML off and sanitises the result
        // against an allow-list of tags before storing it, so no script or handler reaches here.
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </section>
  );
}
