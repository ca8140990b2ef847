import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { components } from '@/api/schema';
import { Paragraphs } from '@/components/paragraphs';

type Schemas = components['schemas'];

type EmailStimulus = Schemas['assessment.LearnerEmailStimulus'];
type ChatStimulus = Schemas['assessment.LearnerChatStimulus'];
type ShareDialogStimulus = Schemas['assessment.LearnerShareDialogStimulus'];
type SearchStimulus = Schemas['assessment.LearnerSearchStimulus'];
type DocumentStimulus = Schemas['assessment.LearnerDocumentStimulus'];
type SettingsStimulus = Schemas['assessment.LearnerSettingsStimulus'];
/** What a learner looks at beside an item's question, as the item is served. */
export type ItemStimulus = NonNullable<Schemas['assessment.LearnerItem']['stimulus']>;

/** What a link in the scenario shows, and where it really goes: never a live link out of the test. */
function ShownLink({ text, url, t }: { text: string; url: string; t: TFunction }) {
  return (
    <span className="stimulus__link">
      <span className="stimulus__link-text">{text}</span>{' '}
      <span className="stimulus__link-url">{t('itemStimulus.linkGoesTo', { url })}</span>
    </span>
  );
}

function Email({ stimulus, t }: { stimulus: EmailStimulus; t: TFunction }) {
  const { links, attachments } = stimulus;
  return (
    <>
      <dl className="stimulus__headers">
        <div>
          <dt>{t('itemStimulus.from')}</dt>
          <dd>{stimulus.from}</dd>
        </div>
        {stimulus.to && (
          <div>
            <dt>{t('itemStimulus.to')}</dt>
            <dd>{stimulus.to}</dd>
          </div>
        )}
        <div>
          <dt>{t('itemStimulus.subject')}</dt>
          <dd className="stimulus__subject">{stimulus.subject}</dd>
        </div>
      </dl>
      <div className="stimulus__body">
        <Paragraphs text={stimulus.body} />
      </div>
      {links.length > 0 && (
        <ul className="stimulus__links" aria-label={t('itemStimulus.links')}>
          {links.map((link) => (
            <li key={`${link.text}-${link.url}`}>
              <ShownLink text={link.text} url={link.url} t={t} />
            </li>
          ))}
        </ul>
      )}
      {attachments.length > 0 && (
        <ul className="stimulus__attachments" aria-label={t('itemStimulus.attachments')}>
          {attachments.map((name) => (
            <li key={name}>
              <span aria-hidden="true">📎 </span>
              {name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Chat({ stimulus }: { stimulus: ChatStimulus }) {
  return (
    <>
      {stimulus.title && <p className="stimulus__title">{stimulus.title}</p>}
      <ol className="stimulus__messages">
        {stimulus.messages.map((message, index) => (
          // A conversation may repeat a message word for word; its place is what tells them apart.
          <li key={index} className="stimulus__message">
            <span className="stimulus__author">{message.author}:</span> {message.text}
          </li>
        ))}
      </ol>
    </>
  );
}

function ShareDialog({ stimulus, t }: { stimulus: ShareDialogStimulus; t: TFunction }) {
  return (
    <>
      <p className="stimulus__title">{t('itemStimulus.shareTitle', { document: stimulus.document })}</p>
      <dl className="stimulus__fields">
        <div>
          <dt>{t('itemStimulus.document')}</dt>
          <dd>{stimulus.title}</dd>
        </div>
        <div>
          <dt>{t('itemStimulus.about')}</dt>
          <dd>
            <Paragraphs text={stimulus.description} />
          </dd>
        </div>
      </dl>
    </>
  );
}

function Search({ stimulus, t }: { stimulus: SearchStimulus; t: TFunction }) {
  return (
    <>
      <p className="stimulus__query">
        <span className="stimulus__query-label">{t('itemStimulus.searchedFor')}</span>{' '}
        <span className="stimulus__query-text">{stimulus.query}</span>
      </p>
      <ol className="stimulus__results">
        {stimulus.results.map((result) => (
          <li key={`${result.url}-${result.title}`}>
            <p className="stimulus__result-title">{result.title}</p>
            <p className="stimulus__result-url">{result.url}</p>
            <p>{result.snippet}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

function DocumentExcerpt({ stimulus }: { stimulus: DocumentStimulus }) {
  return (
    <>
      <p className="stimulus__title">{stimulus.title}</p>
      <div className="stimulus__document">{stimulus.body}</div>
    </>
  );
}

function Settings({ stimulus }: { stimulus: SettingsStimulus }) {
  return (
    <>
      <p className="stimulus__title">{stimulus.title}</p>
      <dl className="stimulus__settings">
        {stimulus.settings.map((setting) => (
          <div key={setting.label}>
            <dt>{setting.label}</dt>
            <dd>{setting.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function StimulusContent({ stimulus, t }: { stimulus: ItemStimulus; t: TFunction }) {
  switch (stimulus.kind) {
    case 'email':
      return <Email stimulus={stimulus} t={t} />;
    case 'chat':
      return <Chat stimulus={stimulus} />;
    case 'share_dialog':
      return <ShareDialog stimulus={stimulus} t={t} />;
    case 'search':
      return <Search stimulus={stimulus} t={t} />;
    case 'document':
      return <DocumentExcerpt stimulus={stimulus} />;
    case 'settings':
      return <Settings stimulus={stimulus} />;
  }
}

interface ItemStimulusViewProps {
  stimulus: ItemStimulus;
  /**
   * The language of the few labels around the item's own texts ("From", "Subject", …): the interface's when left
   * out. The editors' preview passes the item's, as a learner taking the test in that language reads them.
   */
  labelLanguage?: string;
}

/** What the learner looks at before answering, drawn like the real thing and named by its kind. */
export function ItemStimulusView({ stimulus, labelLanguage }: ItemStimulusViewProps) {
  const { t } = useTranslation(undefined, labelLanguage ? { lng: labelLanguage } : {});
  const captionId = useId();
  return (
    <figure className={`stimulus stimulus--${stimulus.kind}`} aria-labelledby={captionId}>
      <figcaption id={captionId} className="stimulus__kind">
        {t(`itemStimulus.kinds.${stimulus.kind}`)}
      </figcaption>
      <StimulusContent stimulus={stimulus} t={t} />
    </figure>
  );
}
