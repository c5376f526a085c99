/** A storage call named a database that does not exist (it may have been deleted meanwhile). */
export class MissingDatabaseError extends Error {
  constructor(readonly db: string) {
    super(`database ${db} does not exist`);
    this.name = 'MissingDatabaseError';
  }
}
