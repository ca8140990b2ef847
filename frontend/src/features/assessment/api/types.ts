/** Types of the learner's assessment API, every one from the generated schema. */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type Progress = Schemas['assessment.Progress'];
export type SessionStatus = Schemas['assessment.SessionStatus'];
export type Session = Schemas['assessment.SessionView'];
export type CurrentItem = Schemas['assessment.CurrentItem'];
export type StartBody = Schemas['assessment.SessionStart'];
export type ResponseBody = Schemas['assessment.ResponseIn'];
export type AreaResult = Schemas['assessment.AreaResult'];
export type ResultSummary = Schemas['assessment.ResultSummary'];
export type ResultListItem = Schemas['assessment.ResultListItem'];
export type ResultDetail = Schemas['assessment.ResultDetail'];
export type ReviewItem = Schemas['assessment.ReviewItem'];

export type ItemType = Schemas['assessment.ItemType'];
export type Interaction = Schemas['assessment.Interaction'];

/** An item as served: one language, options shuffled, no answer. */
export type ServedItem = Schemas['assessment.LearnerItem'];
/** An item in the result's review: as served (options in their written order), with the key and the answer. */
export type ReviewedItem = Schemas['assessment.ReviewedItem'];
export type Choice = Schemas['assessment.LearnerChoice'];

// The stimulus an item is served with is typed (and drawn) once for every feature: `@/components/item-stimulus`.

/** An answer as its item is answered: `{choice}`, `{choices}`, `{order}` or `{matches}`. */
export type Answer = NonNullable<ResponseBody['answer']>;
