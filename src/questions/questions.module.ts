import { AiModule } from '../ai/ai.module';
import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { JobsModule } from '../jobs/jobs.module';
import { QuestionBankService } from './question-bank.service';
import { QuestionGenerationService } from './question-generation.service';
import { QuestionHistoryService } from './question-history.service';
import { QuestionReviewService } from './question-review.service';
import { QuestionsController } from './questions.controller';

@Module({
  imports: [AiModule, JobsModule, CandidatesModule],
  controllers: [QuestionsController],
  providers: [
    QuestionBankService,
    QuestionGenerationService,
    QuestionHistoryService,
    QuestionReviewService,
  ],
  exports: [QuestionBankService],
})
export class QuestionsModule {}
