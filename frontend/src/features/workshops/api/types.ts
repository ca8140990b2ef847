/** Types of the workshops (DLA Forums) API, every one from the generated schema. */
import type { components, operations } from '@/api/schema';

type Schemas = components['schemas'];

export type WorkshopFormat = Schemas['catalog.WorkshopFormat'];
export type Sector = Schemas['catalog.Sector'];
export type RegistrationStatus = Schemas['catalog.RegistrationStatus'];
export type SessionStatus = Schemas['catalog.SessionStatus'];

export type Mentor = Schemas['catalog.Mentor'];
export type Feedback = Schemas['catalog.Feedback'];
export type FeedbackIn = Schemas['catalog.FeedbackIn'];
export type Registration = Schemas['catalog.Registration'];
export type SessionOut = Schemas['catalog.SessionOut'];
export type WorkshopRef = Schemas['catalog.WorkshopRef'];
export type WorkshopSummary = Schemas['catalog.WorkshopSummary'];
export type WorkshopDetail = Schemas['catalog.WorkshopDetail'];
export type MyRegistration = Schemas['catalog.MyRegistration'];
export type ListedSession = Schemas['catalog.ListedSession'];
export type Attendee = Schemas['catalog.Attendee'];
export type AttendeeList = Schemas['catalog.AttendeeList'];
export type AttendanceIn = Schemas['catalog.AttendanceIn'];
export type PendingApproval = Schemas['catalog.PendingApproval'];

export type WorkshopPage = Schemas['catalog.Page_WorkshopSummary_'];
export type MyRegistrationPage = Schemas['catalog.Page_MyRegistration_'];
export type ListedSessionPage = Schemas['catalog.Page_ListedSession_'];
export type PendingApprovalPage = Schemas['catalog.Page_PendingApproval_'];

export type WorkshopsQuery = NonNullable<operations['catalog-workshops-list_workshops']['parameters']['query']>;
export type MyRegistrationsQuery = NonNullable<operations['catalog-workshops-my_registrations']['parameters']['query']>;
export type MyApprovalsQuery = NonNullable<operations['catalog-workshops-my_approvals']['parameters']['query']>;
