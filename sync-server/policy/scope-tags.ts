/**
 * Scope tags stored beside each document. A reader sees a document when one of its tags is in the
 * reader's readable scopes. Some tags (`card:`, `officer:`) also serve as indexes for `idsWithScope`.
 */
export const unitTag = (unitId: string): string => `unit:${unitId}`;
export const postTag = (postId: string): string => `post:${postId}`;
export const userTag = (userId: string): string => `user:${userId}`;
/** Claims and decisions of an officer: which requests the officer holds or held. */
export const officerTag = (userId: string): string => `officer:${userId}`;
/** A secret request, readable by the officer who holds or held it. */
export const requestTag = (protocol: string): string => `request:${protocol}`;
/** Secret requests of a unit, readable by its supervisors only. */
export const secretUnitTag = (unitId: string): string => `secret:${unitId}`;
/** Access-log entries of a unit or post, readable by its supervisors. */
export const accessScopeTag = (scopeId: string): string => `scope:${scopeId}`;
/** Stage events of one card process. */
export const cardTag = (protocol: string): string => `card:${protocol}`;
/** Notes on cards, which the service desk reads statewide. */
export const CARD_NOTE_TAG = 'card-note';
/** Reference data and notices: every signed-in user. */
export const PUBLIC_TAG = 'public';
