import type { Role } from '../../shared/schemas';

/** The authenticated user behind a request. */
export interface Principal {
  name: string;
  roles: Role[];
  unitId?: string;
  postId?: string;
  /** A CouchDB server admin: creates and deletes databases, reads and writes everything. */
  serverAdmin: boolean;
}
