// What other modules may use of jobs besides its module, services and presenters.
export { parseSalaryRange } from './salary';
