import type { components, paths } from '@/api/schema';

type Schemas = components['schemas'];

export type SearchParams = NonNullable<paths['/api/catalog/search']['get']['parameters']['query']>;
export type SearchPage = Schemas['catalog.SearchPage'];
export type SearchHit = Schemas['catalog.SearchHit'];
export type Facets = Schemas['catalog.Facets'];
export type FacetValue = Schemas['catalog.FacetValue'];
export type ItemDetail = Schemas['catalog.ItemDetail'];
export type Completion = Schemas['catalog.Completion'];
export type Rating = Schemas['catalog.Rating'];
export type RatingIn = Schemas['catalog.RatingIn'];
export type Accessibility = Schemas['catalog.Accessibility'];
export type Duration = Schemas['catalog.DurationBucket'];
export type Sort = Schemas['catalog.SortOrder'];
