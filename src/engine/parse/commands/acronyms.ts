// Names written as a run of letters that stand for one quantity, never for a product of one-letter
// symbols: the acronyms below (`MSE = \frac{1}{n} SSE`, `\frac{2TP}{2TP + FN + FP}`; `ABC` elsewhere is a
// product of A, B and C), and a capitalised word (`\frac{Precision \cdot Recall}{Precision + Recall}`).
const ACRONYMS: ReadonlySet<string> = new Set([
  'MSE', 'RMSE', 'MAE', 'MAPE', 'SSE', 'SSR', 'SST', 'RSS', 'TSS', 'ESS', 'NLL', 'KL', 'ELBO', 'AIC', 'BIC', 'SNR', 'PSNR', 'AUC', 'MLE',
  'TP', 'TN', 'FP', 'FN', 'TPR', 'FPR', 'IoU',
]);

/** A capital and three or more small letters: a word (`Precision`), which no product of symbols is written as. */
const WORD = /^[A-Z][a-z]{3,}$/;

/** Whether a run of letters written in math is the name of one quantity. */
export function isMultiLetterName(run: string): boolean {
  return ACRONYMS.has(run) || WORD.test(run);
}
