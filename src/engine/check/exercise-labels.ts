// Exercise labels a text numbers its problems with, when it does not give each a heading:
// "(問 2)", "**Problem 3.**", "Exercise 4.1", "Q2:", "(b)". A label starts the next problem, whose
// letters (y, f, z) may mean something else than in the one before.

const LABEL_WORDS = String.raw`Problems?|Exercises?|Questions?|Examples?|Tasks?|Parts?|Q|Ex\.?|問題?|例題?|練習|演習|习题|例`;

/**
 * At a line's start, after list or quote marks and emphasis: a label word with a number or letter
 * ("Problem 2", "問2", "Q.3", "Part (b)"), or a part letter in parentheses ("(b)") before text.
 */
const EXERCISE_LABEL = new RegExp(
  String.raw`^[ \t]*(?:[-*+>][ \t]+|\d+[.)][ \t]+)*(?:\*\*|__|\\textbf\{)?[ \t]*[(（【\[]?[ \t]*` +
    String.raw`(?:(?:${LABEL_WORDS})[ \t.]*(?:\d+(?:\.\d+)*|\(?[a-h]\)?)(?![\w])|\([a-h]\)(?=[ \t*_]))`,
  'imu',
);

/** Whether a line between `from` and `to` in `text` starts with an exercise label (the next problem). */
export function exerciseLabelBetween(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  // The line the second offset is on counts (its label precedes it); the first offset's line does not.
  const firstLineEnd = text.indexOf('\n', from);
  if (firstLineEnd < 0 || firstLineEnd >= to) return false;
  return EXERCISE_LABEL.test(text.slice(firstLineEnd + 1, to));
}
