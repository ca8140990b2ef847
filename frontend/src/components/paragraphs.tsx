/** Plain text with paragraphs separated by a blank line, as item texts are written. */
export function Paragraphs({ text, className }: { text: string; className?: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        // Paragraphs of one text have no identity beyond their place in it.
        <p key={index} className={className}>
          {paragraph}
        </p>
      ))}
    </>
  );
}
