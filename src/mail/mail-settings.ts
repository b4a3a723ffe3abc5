import type { AppSettings, MailSettings } from '../config/app-config';

export const MAIL_DELIVERY_QUEUE = 'mail-delivery';

export interface MailRuntimeSettings extends MailSettings {
  publicUrl: string;
  messageIdHost: string;
}

export function mailSettingsFrom(mail: MailSettings, app: AppSettings): MailRuntimeSettings {
  const publicUrl = app.publicBaseUrl.replace(/\/+$/, '');
  return { ...mail, publicUrl, messageIdHost: new URL(publicUrl).hostname || 'panelist' };
}
