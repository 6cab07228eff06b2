// The error of an evaluation that cannot be done at a sample point, told apart from a bug: the claim is
// then not decided, with this message, never an internal error.

/** Something the claim needs that a sample point cannot give (an unbound index, an unknown size). */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}
