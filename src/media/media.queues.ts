// Presigned uploads waiting in the object store's intake area (STORAGE_DRIVER=s3).
export const MEDIA_INTAKE_QUEUE = 'media.intake';

export interface MediaIntakeJobData {
  media_file_id: string;
  // The chain started with the URL: look again later while nothing has arrived.
  follow?: boolean;
}
