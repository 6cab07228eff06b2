// Names written as a run of capitals that stand for one quantity (`MSE = \frac{1}{n} SSE`), never
// for a product of matrices M, S and E. Only these: `ABC` elsewhere is a product.
export const ACRONYMS: ReadonlySet<string> = new Set([
  'MSE', 'RMSE', 'MAE', 'MAPE', 'SSE', 'SSR', 'SST', 'RSS', 'TSS', 'ESS', 'NLL', 'KL', 'ELBO', 'AIC', 'BIC', 'SNR', 'PSNR', 'AUC', 'MLE',
]);
