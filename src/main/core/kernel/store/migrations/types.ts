/** One numbered schema step. `up` is plain SQL, run in a transaction with the version bump. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}
