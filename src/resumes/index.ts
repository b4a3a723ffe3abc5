// What other modules may use of the résumé module besides its services and module.
export { stripContactDetails } from './parsing/resume-contact';
