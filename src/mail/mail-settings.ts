import { ConfigService } from '@nestjs/config';
import type { AppConfig, AppSettings, MailSettings } from '../config/app-config';

export const MAIL_DELIVERY_QUEUE = 'mail-delivery';

export interface MailRuntimeSettings extends MailSettings {
  publicUrl: string;
  messageIdHost: string;
}

export function mailSettingsFrom(config: ConfigService<AppConfig, true>): MailRuntimeSettings {
  const mail = config.get<MailSettings>('mail');
  const publicUrl = config.get<AppSettings>('app').publicBaseUrl.replace(/\/+$/, '');
  return { ...mail, publicUrl, messageIdHost: new URL(publicUrl).hostname || 'panelist' };
}
