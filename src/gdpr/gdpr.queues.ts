export const GDPR_EXPORT_QUEUE = 'gdpr-export';
export const GDPR_EXPORT_EXPIRY_QUEUE = 'gdpr-export-expiry';
export const GDPR_ERASURE_QUEUE = 'gdpr-erasure';
export const GDPR_RETENTION_QUEUE = 'gdpr-retention';

export interface GdprExportJob {
  export_id: string;
}

export interface GdprErasureJob {
  request_id: string;
}

export interface GdprRetentionJob {
  // UTC day the run is for (YYYY-MM-DD): one scheduled run per day.
  day: string;
}
