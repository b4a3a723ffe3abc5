import { AiModule } from '../ai/ai.module';
import { ConsentModule } from '../consent/consent.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { CandidateInterviews } from '../candidates/candidate-profile-sources.service';
import { CandidatesModule } from '../candidates/candidates.module';
import { CandidateInterviewsRepository } from './candidate-interviews.repository';
import { JobsModule } from '../jobs/jobs.module';
import { PipelineModule } from '../pipeline';
import { QuestionsModule } from '../questions/questions.module';
import { InterviewLinksController } from './access/interview-links.controller';
import { InterviewLinkRepository } from './access/interview-link.repository';
import { InterviewLinksService } from './access/interview-links.service';
import { AnswerRepository } from './answer.repository';
import { InterviewCalendarService } from './calendar/interview-calendar.service';
import { CandidateQuestionsController } from './candidate-questions.controller';
import { AnswerScoreRecord } from './entities/answer-score.entity';
import { InterviewAnswer } from './entities/interview-answer.entity';
import { InterviewEvent } from './entities/interview-event.entity';
import { InterviewLink } from './entities/interview-link.entity';
import { InterviewQuestion } from './entities/interview-question.entity';
import { Interview } from './entities/interview.entity';
import { IntegrityService } from './integrity/integrity.service';
import { InterviewAccessService } from './interview-access.service';
import { InterviewEventsPublisher } from './interview-events.publisher';
import { InterviewLookupService } from './interview-lookup.service';
import { InterviewMeetingQueryService } from './interview-meeting-query.service';
import { InterviewQueryService } from './interview-query.service';
import { InterviewRepository } from './interview.repository';
import { InterviewResultsController } from './interview-results.controller';
import { InterviewMailerService } from './invitations/interview-mailer.service';
import { InterviewRemindersService } from './invitations/interview-reminders.service';
import { InterviewSessionController } from './interview-session.controller';
import { InterviewsController } from './interviews.controller';
import { InterviewsPersonalDataRepository } from './interviews-personal-data.repository';
import { InterviewsPersonalData } from './interviews.personal-data';
import { PracticeController } from './practice.controller';
import { PracticeService } from './practice/practice.service';
import { InterviewResultsService } from './results/interview-results.service';
import { InterviewSchedulingService } from './scheduling/interview-scheduling.service';
import { AnswerScoringService } from './scoring/answer-scoring.service';
import { InterviewFinalisationService } from './scoring/interview-finalisation.service';
import { AnswerSubmissionService } from './session/answer-submission.service';
import { AnswerTranscriptService } from './session/answer-transcript.service';
import { InterviewSessionService } from './session/interview-session.service';
import { MeetingLifecycleService } from './session/meeting-lifecycle.service';
import { InterviewConsentController } from './interview-consent.controller';
import { InterviewConsentService } from './session/interview-consent.service';

// Screening and practice interviews: scheduling, taking them, queue-based scoring and
// finalisation, integrity signals, results and human review. See scoring/ for the flow.
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Interview,
      InterviewQuestion,
      InterviewAnswer,
      AnswerScoreRecord,
      InterviewEvent,
      InterviewLink,
    ]),
    AiModule,
    JobsModule,
    CandidatesModule,
    ConsentModule,
    PipelineModule,
    QuestionsModule,
    WebhooksModule,
    AuthModule,
    MailModule,
  ],
  controllers: [
    InterviewLinksController,
    PracticeController,
    InterviewsController,
    // Listed (and documented) in the order the interview room calls them: consent, then the session.
    InterviewConsentController,
    InterviewSessionController,
    InterviewResultsController,
    CandidateQuestionsController,
  ],
  providers: [
    InterviewRepository,
    AnswerRepository,
    InterviewLinkRepository,
    InterviewsPersonalDataRepository,
    InterviewAccessService,
    InterviewEventsPublisher,
    InterviewLookupService,
    InterviewMeetingQueryService,
    InterviewQueryService,
    InterviewSchedulingService,
    InterviewSessionService,
    InterviewConsentService,
    AnswerSubmissionService,
    AnswerTranscriptService,
    AnswerScoringService,
    InterviewFinalisationService,
    IntegrityService,
    InterviewResultsService,
    InterviewCalendarService,
    InterviewsPersonalData,
    PracticeService,
    MeetingLifecycleService,
    InterviewLinksService,
    InterviewMailerService,
    InterviewRemindersService,
    CandidateInterviewsRepository,
    { provide: CandidateInterviews, useExisting: CandidateInterviewsRepository },
  ],
  // The media module transcribes audio answers and hands the text back through this service; the
  // video module checks who may join a meeting and moves live interviews with their meeting; both
  // find a person's interviews and answers through InterviewLookupService.
  exports: [
    AnswerTranscriptService,
    InterviewAccessService,
    InterviewLookupService,
    MeetingLifecycleService,
  ],
})
export class InterviewsModule {}
