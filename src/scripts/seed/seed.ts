import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../app.module';
import { UsersService } from '../../auth/users.service';
import { ApplicationIntakeService } from '../../candidates/application-intake.service';
import { ApplicationLifecycleService } from '../../pipeline';
import { Role } from '../../common/auth/role';
import { JobsService } from '../../jobs/jobs.service';
import { ApplicationResumesService } from '../../resumes/application-resumes.service';
import { stopEmbeddedDatabase } from '../../database/database-url.provider';
import { Transactions } from '../../database/transactions';
import {
  CITIES,
  COMPANIES,
  FIRST_NAMES,
  LAST_NAMES,
  resumeText,
  SEED_JOBS,
  SOURCES,
  STAGE_PLAN,
} from './seed-data';

// `npm run seed`: demo data worth looking at. Idempotent: does nothing when the demo recruiter
// already exists. Credentials are printed at the end.
const PASSWORD = 'panelist-demo-2026';

async function seed(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  await app.init();
  try {
    const transactions = app.get(Transactions);
    const users = app.get(UsersService);
    if (await users.findByLogin('recruiter.one')) {
      process.stdout.write('Demo data already present; nothing to do.\n');
      return;
    }
    const staff = await transactions.run(async (manager) => ({
      recruiters: [
        await users.createUser(manager, {
          username: 'recruiter.one',
          email: 'recruiter.one@panelist.demo',
          password: PASSWORD,
          role: Role.Recruiter,
          full_name: 'Rita Recruiter',
          company: 'Panelist Demo',
        }),
        await users.createUser(manager, {
          username: 'recruiter.two',
          email: 'recruiter.two@panelist.demo',
          password: PASSWORD,
          role: Role.Recruiter,
          full_name: 'Rolf Recruiter',
          company: 'Panelist Demo',
        }),
      ],
      expert: await users.createUser(manager, {
        username: 'expert',
        email: 'expert@panelist.demo',
        password: PASSWORD,
        role: Role.DomainExpert,
        full_name: 'Eda Expert',
      }),
      admin: await users.createUser(manager, {
        username: 'demo.admin',
        email: 'demo.admin@panelist.demo',
        password: PASSWORD,
        role: Role.Admin,
        full_name: 'Demo Admin',
      }),
    }));
    const jobs = app.get(JobsService);
    const applications = app.get(ApplicationIntakeService);
    const resumes = app.get(ApplicationResumesService);
    const lifecycle = app.get(ApplicationLifecycleService);
    const jobIds: string[] = [];
    for (const [i, job] of SEED_JOBS.entries()) {
      const recruiter = staff.recruiters[i % 2];
      const created = await jobs.create(
        { id: recruiter.id, role: Role.Recruiter, sessionId: 'seed' },
        {
          title: job.title,
          description: `${job.title} in our ${job.department} team. You will work with ${job.skills.join(', ')}.`,
          company: 'Panelist Demo',
          location: job.location,
          salary_range: job.salary,
          job_type: 'full-time',
          work_mode: job.work_mode,
          experience_level: job.level,
          department: job.department,
          skills_required: job.skills,
          skills_nice_to_have: job.nice,
          status: 'Open',
        },
      );
      jobIds.push(created.id);
    }
    const actor = { id: staff.recruiters[0].id, role: Role.Recruiter, sessionId: 'seed' };
    for (let n = 0; n < 50; n++) {
      const name = `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 7) % LAST_NAMES.length]}`;
      const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${n}@example.com`;
      const jobIndex = n % SEED_JOBS.length;
      const skills = [
        ...SEED_JOBS[jobIndex].skills.slice(0, 2 + (n % 3)),
        ...(n % 4 === 0 ? ['Docker'] : []),
      ];
      const startYear = 2012 + (n % 12);
      const company = COMPANIES[n % COMPANIES.length];
      const application = await applications
        .apply(
          undefined,
          jobIds[jobIndex],
          {
            applicant_name: name,
            applicant_email: email,
            applicant_phone: `+49 30 555 ${String(1000 + n)}`,
            cover_letter: `I would love to join as ${SEED_JOBS[jobIndex].title}.`,
            experience_years: 2026 - startYear,
            current_company: company,
            current_position: 'Software Engineer',
            expected_salary: String(40000 + (n % 10) * 9000),
            availability: n % 2 ? 'One month notice' : 'Immediately',
            source: SOURCES[n % SOURCES.length],
            location: CITIES[n % CITIES.length],
            skills,
            consent_data_processing: true,
            consent_talent_pool: n % 3 !== 0,
          },
          resumes.forApply({
            data: Buffer.from(resumeText(name, email, skills, startYear, company)),
            filename: `${name}.txt`,
          }),
          { bytes: 0 },
        )
        .catch(() =>
          // A résumé the parser refuses: apply without a file.
          applications.apply(undefined, jobIds[jobIndex], {
            applicant_name: name,
            applicant_email: email,
            experience_years: 2026 - startYear,
            location: CITIES[n % CITIES.length],
            skills,
            source: SOURCES[n % SOURCES.length],
            consent_data_processing: true,
            consent_talent_pool: n % 3 !== 0,
          }),
        );
      const target = STAGE_PLAN[n % STAGE_PLAN.length];
      const path = ['screening', 'interview', 'offer', 'hired'];
      const steps =
        target === 'rejected' ? ['screening', 'rejected'] : path.slice(0, path.indexOf(target) + 1);
      for (const step of steps) {
        await lifecycle.moveToStage(actor, application.id, step, {
          reason: step === 'rejected' ? 'Seed: not a fit' : null,
        });
      }
    }
    process.stdout.write(
      [
        '',
        'Demo data created: 10 jobs, 50 candidates with applications in several stages.',
        `Sign in (password for all: ${PASSWORD}):`,
        '  admin          demo.admin',
        '  recruiters     recruiter.one, recruiter.two',
        '  domain expert  expert',
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
  }
}

seed().catch((error: Error) => {
  process.stderr.write(`Seed failed: ${error.message}\n`);
  process.exit(1);
});
