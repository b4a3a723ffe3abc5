import type { SkillBankEntry } from './bank-types';

// Delivery, product and design practice.
export const PRODUCT_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'Agile',
    aliases: ['scrum', 'kanban', 'agile methodologies', 'agile development'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are the main events in Scrum and their purpose?',
        gold: 'Work happens in short, fixed-length sprints. Sprint planning chooses the sprint goal and the backlog items to work on, and the daily scrum is a short meeting for the team to coordinate and surface blockers. The sprint review shows the finished increment to stakeholders to gather feedback, and the retrospective lets the team inspect how it works and agree on improvements. The product owner orders the backlog, and the Scrum Master helps the team follow the process.',
        keyPoints: [
          'fixed-length sprints',
          'sprint planning sets the goal',
          'daily scrum coordinates and surfaces blockers',
          'review gathers stakeholder feedback',
          'retrospective improves the process',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do Scrum and Kanban differ, and when would you choose each?',
        gold: 'Scrum organises work in time-boxed sprints with defined roles and a committed sprint goal, which suits teams building features where predictable planning and regular reviews help. Kanban is a continuous flow where work items move across a board and work-in-progress limits prevent overload, which suits support, operations or teams with unpredictable incoming work. Kanban measures lead time and throughput rather than velocity. Many teams combine elements of both.',
        keyPoints: [
          'Scrum uses time-boxed sprints and roles',
          'Kanban is continuous flow',
          'work-in-progress limits',
          'Kanban for unpredictable incoming work',
          'lead time and throughput metrics',
        ],
      },
      {
        difficulty: 'hard',
        text: 'A team keeps missing its sprint commitments. How would you help it improve?',
        gold: 'Start from data rather than blame: compare planned and completed work over several sprints and look at where items get stuck, such as waiting for reviews, unclear requirements or unplanned interruptions. Use the retrospective to agree on a few concrete changes, for example splitting stories smaller, refining the backlog before planning, limiting work in progress and planning for the capacity actually available. Make unplanned work visible and protect the sprint from mid-sprint scope changes. Review the effect after a couple of sprints and adjust.',
        keyPoints: [
          'use data on planned versus completed work',
          'find where work gets stuck',
          'smaller stories and better refinement',
          'plan to real capacity and limit work in progress',
          'make unplanned work visible and review the effect',
        ],
      },
    ],
  },
  {
    skill: 'Product Management',
    aliases: ['product manager', 'product owner', 'product strategy', 'roadmapping'],
    questions: [
      {
        difficulty: 'easy',
        text: 'How do you decide what to build next as a product manager?',
        gold: 'Start from the product strategy and the outcomes the business needs, then gather evidence about user problems from research, support tickets and usage data. Compare candidate work by expected impact, confidence and effort, for example with a RICE score, while also weighing strategic bets and technical debt. Share the reasoning with stakeholders so priorities are understood, and revisit them when new evidence arrives.',
        keyPoints: [
          'align with strategy and business outcomes',
          'evidence from users and data',
          'compare impact confidence and effort such as RICE',
          'communicate reasoning to stakeholders',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you measure whether a feature was successful?',
        gold: 'Define the success metric and the target before launch, tied to the user behaviour the feature should change, such as activation or retention, plus guardrail metrics that must not get worse. Instrument the feature and, where traffic allows, run an A/B test to separate its effect from other changes. Combine the numbers with qualitative feedback to understand why. Decide in advance what you will do if the target is missed: iterate, or remove the feature.',
        keyPoints: [
          'define success metrics before launch',
          'guardrail metrics',
          'instrument and A/B test',
          'combine with qualitative feedback',
          'decide next steps for a missed target',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you handle conflicting requests from sales, engineering and leadership for the same quarter?',
        gold: 'Bring the requests back to shared goals: clarify the problem behind each request and the outcome it serves, with evidence about the users or revenue affected. Make the trade-offs explicit by estimating impact and effort and showing what each choice displaces. Decide with the relevant stakeholders in the room, document the decision and its reasoning, and communicate it clearly, including what is not being done and when it will be revisited. Look for small steps that address part of a need while the main bet proceeds.',
        keyPoints: [
          'clarify the problem behind each request',
          'tie requests to shared goals and evidence',
          'make trade-offs explicit',
          'document and communicate the decision',
          'revisit and find smaller steps',
        ],
      },
    ],
  },
  {
    skill: 'UX Design',
    aliases: [
      'ux',
      'user experience',
      'ui/ux',
      'ui design',
      'product design',
      'interaction design',
    ],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between UX and UI design?',
        gold: "UX design is about the whole experience of reaching a goal with a product: understanding users' needs, structuring information and flows, and making the product useful and easy to use. UI design is about the visual and interactive surface, such as layout, typography, colour, components and states. UX work includes research, journey maps, wireframes and usability testing, while UI work turns those structures into a consistent visual design system.",
        keyPoints: [
          'UX covers the whole experience and user needs',
          'UI covers visual and interactive surface',
          'UX uses research wireframes and usability testing',
          'UI builds a consistent design system',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How would you run a usability test?',
        gold: 'Define what you want to learn and recruit five or so participants who match the target users. Give them realistic tasks without explaining how to use the interface, ask them to think aloud and avoid leading questions. Observe where they hesitate, make errors or fail, and record task success and time. Group the findings by severity and frequency and feed them into design changes, then test again.',
        keyPoints: [
          'define goals and recruit representative users',
          'realistic tasks with think-aloud',
          'avoid leading questions',
          'record task success and errors',
          'group findings by severity and test again',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do you design for accessibility from the start of a project?',
        gold: 'Treat accessibility as a requirement from research onwards, using the WCAG guidelines as the baseline. Design with sufficient colour contrast, never rely on colour alone, provide visible focus states and keyboard paths, and make touch targets large enough. Write clear labels, headings and error messages, and provide text alternatives for images and captions for media. Test with screen readers and with disabled users, and build accessible components into the design system so every team benefits.',
        keyPoints: [
          'accessibility as a requirement based on WCAG',
          'colour contrast and not relying on colour alone',
          'keyboard access and visible focus',
          'labels and text alternatives',
          'test with screen readers and disabled users',
        ],
      },
    ],
  },
  {
    skill: 'Project Management',
    aliases: ['project manager', 'program management', 'pmp', 'delivery management'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are the main constraints a project manager balances?',
        gold: 'Projects balance scope, time and cost, often called the triple constraint, with quality sitting in the middle. Changing one affects the others: adding scope without more time or budget puts quality at risk. A project manager makes these trade-offs visible, agrees them with stakeholders and controls changes through a clear process.',
        keyPoints: [
          'scope time and cost',
          'quality depends on the balance',
          'changing one affects the others',
          'make trade-offs visible to stakeholders',
          'change control',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you identify and manage risks in a project?',
        gold: "Identify risks early with the team and stakeholders, record them in a risk register with their likelihood and impact, and assign an owner to each. For each important risk decide a response: avoid, reduce, transfer or accept, with concrete mitigation actions and triggers. Review the register regularly because risks change as the project progresses, and escalate those beyond the team's control.",
        keyPoints: [
          'identify risks early with the team',
          'risk register with likelihood and impact',
          'owner for each risk',
          'mitigation actions and responses',
          'review regularly and escalate',
        ],
      },
      {
        difficulty: 'hard',
        text: 'A critical project is six weeks behind schedule. What do you do?',
        gold: 'First understand the real status and causes with the team, using data on completed work and remaining estimates rather than optimism. Then present options to the sponsors with their trade-offs: cutting or phasing scope, adding people where work can be split without slowing the team, moving the date, or accepting some risk. Agree a re-baselined plan and communicate it openly to everyone affected. Track progress closely afterwards and fix the causes, such as unclear requirements or dependencies, so the delay does not grow.',
        keyPoints: [
          'establish the real status and causes',
          'present options and trade-offs to sponsors',
          'reduce or phase scope or move the date',
          'communicate a re-baselined plan',
          'fix root causes and track closely',
        ],
      },
    ],
  },
];
