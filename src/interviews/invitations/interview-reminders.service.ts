import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { QueueJob } from '../../queue/queue-job.decorator';
import { Transactions } from '../../database/transactions';
import { QueueService } from '../../queue/queue.service';
import { InterviewRepository } from '../interview.repository';
import { InterviewMailerService } from './interview-mailer.service';

export const INTERVIEW_REMINDERS_QUEUE = 'interview-reminders';
export const REMINDER_LEAD_MS = 24 * 3600_000;

// Every instance's cron only enqueues one singleton job (exclusive queue); the job queues a
// reminder for each screening interview starting within 24 h, keyed by interview and start time
// in the outbox, so a reminder goes once per scheduled time however many instances or runs.
@Injectable()
export class InterviewRemindersService {
  private readonly logger = new Logger('InterviewReminders');

  constructor(
    private readonly transactions: Transactions,
    private readonly interviews: InterviewRepository,
    private readonly queue: QueueService,
    private readonly mailer: InterviewMailerService,
  ) {}

  @QueueJob(INTERVIEW_REMINDERS_QUEUE, {
    options: { policy: 'exclusive', retryLimit: 2, expireInSeconds: 600 },
    concurrency: 1,
  })
  async run(): Promise<void> {
    await this.queueDueReminders();
  }

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'interview-reminders' })
  async enqueueRun(): Promise<void> {
    try {
      await this.queue.enqueue(INTERVIEW_REMINDERS_QUEUE, {}, { singletonKey: 'reminders' });
    } catch (error) {
      this.logger.debug(`Reminder run not enqueued here: ${(error as Error).message}`);
    }
  }

  // Returns how many interviews were looked at.
  async queueDueReminders(now = new Date()): Promise<number> {
    const due = await this.interviews.dueForReminder(
      now,
      new Date(now.getTime() + REMINDER_LEAD_MS),
      500,
    );
    for (const interview of due) {
      await this.transactions.run((manager) => this.mailer.reminded(manager, interview));
    }
    return due.length;
  }
}
