export * from './applicant.js';
export { cccdProblem, cccdProvinces, taxCodeProblem } from './cccd.js';
