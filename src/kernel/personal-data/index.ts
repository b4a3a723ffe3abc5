// The personal-data port: what a module implements so GDPR export, erasure and retention cover it
// (PersonalDataHandler under one multi-provider token), and the marker for entities that hold no
// personal data. Features import this kernel, never gdpr/.
export * from './not-personal-data';
export * from './personal-data-handler';
export * from './retention-batches';
