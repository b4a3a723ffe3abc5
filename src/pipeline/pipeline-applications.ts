import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from 'typeorm';

// What the pipeline needs of an application. The candidates module owns the applications table;
// these are plain values, so nothing here depends on its entity.
export interface PipelineApplication {
  id: string;
  jobId: string;
  candidateId: string;
  stage: string;
  status: string;
  source: string;
  stageEnteredAt: Date;
  rejectedFromStage: string | null;
  rejectionReasonId: string | null;
  hiredAt: Date | null;
  appliedAt: Date;
}

export type StageChanges = Partial<
  Pick<
    PipelineApplication,
    'stage' | 'status' | 'stageEnteredAt' | 'rejectedFromStage' | 'rejectionReasonId' | 'hiredAt'
  >
>;

export interface BoardStage {
  key: string;
  slaDays: number | null;
}

// One card of the board, timestamps already in the API's ISO form.
export interface BoardCard {
  id: string;
  candidateId: string;
  applicantName: string | null;
  experienceYears: number | null;
  currentCompany: string | null;
  currentPosition: string | null;
  source: string;
  status: string;
  stage: string;
  resumeId: string | null;
  appliedAt: string;
  stageEnteredAt: string;
  hiredAt: string | null;
  late: boolean;
}

export interface BoardApplications {
  // Per stage with an SLA: how many applications entered it within the SLA.
  withinSla: Map<string, number>;
  // The newest cards of each stage, newest first.
  cards: BoardCard[];
}

// The port the pipeline declares for the applications it moves; the candidates module (above
// pipeline, owner of the table) provides it.
export abstract class PipelineApplications {
  abstract jobOf(applicationId: string, manager: EntityManager): Promise<string | null>;

  // SELECT … FOR UPDATE of one application.
  abstract lockForStageChange(
    applicationId: string,
    manager: EntityManager,
  ): Promise<PipelineApplication | null>;

  // The applications of a job in one stage, row-locked, oldest first.
  abstract lockInStage(
    jobId: string,
    stage: string,
    manager: EntityManager,
  ): Promise<PipelineApplication[]>;

  abstract writeStage(
    applicationId: string,
    changes: StageChanges,
    manager: EntityManager,
  ): Promise<void>;

  abstract remapRejectedFrom(
    jobId: string,
    fromStage: string,
    toStage: string,
    manager: EntityManager,
  ): Promise<void>;

  abstract countInStages(
    jobId: string,
    stages: string[],
    manager: EntityManager,
  ): Promise<{ stage: string; count: number }[]>;

  abstract board(jobId: string, stages: BoardStage[], limit: number): Promise<BoardApplications>;
}

// Resolves the port on first use: the providing module is built after this one, and importing it
// would be a cycle.
@Injectable()
export class PipelineApplicationsRef {
  private port: PipelineApplications | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  get applications(): PipelineApplications {
    this.port ??= this.moduleRef.get(PipelineApplications, { strict: false });
    if (!this.port) {
      throw new Error('No module provides PipelineApplications (the candidates module does)');
    }
    return this.port;
  }
}
