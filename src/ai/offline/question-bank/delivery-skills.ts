import type { SkillBankEntry } from './bank-types';

// Infrastructure as code, delivery pipelines, version control and the shell.
export const DELIVERY_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'Terraform',
    aliases: ['infrastructure as code', 'iac', 'hcl', 'opentofu'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Terraform and what problem does it solve?',
        gold: 'Terraform is an infrastructure-as-code tool that describes cloud resources in declarative HCL files. Running plan compares the configuration with the recorded state and the real infrastructure and shows what will change, and apply makes those changes. Because infrastructure is defined in version-controlled code, environments are reproducible and changes are reviewed like any other code. Providers let it manage many platforms, from AWS to DNS services.',
        keyPoints: [
          'declarative infrastructure as code',
          'plan shows changes before apply',
          'state tracks real resources',
          'version control and code review',
          'providers for many platforms',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How should Terraform state be managed in a team?',
        gold: 'State maps the configuration to real resources and may contain secrets, so it belongs in a remote backend such as an S3 bucket or Terraform Cloud, not in Git. The backend must support locking, for example with DynamoDB or native locking, so two people cannot apply at the same time and corrupt it. Encrypt the state and restrict access to it. Split state by environment and component to limit the blast radius of a change.',
        keyPoints: [
          'remote backend instead of local files',
          'state locking prevents concurrent applies',
          'state can contain secrets so encrypt and restrict it',
          'split state by environment to limit blast radius',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you structure Terraform code for several environments and handle drift?',
        gold: 'Put reusable infrastructure into versioned modules with clear inputs and outputs, and call them from thin per-environment configurations that each have their own state. Run fmt, validate, linting and plan in CI on every pull request, and apply only from the pipeline after review. Drift happens when someone changes resources by hand, so scheduled plans detect it and the fix is either importing the change into code or reverting it. Use lifecycle rules such as prevent_destroy for critical resources.',
        keyPoints: [
          'versioned reusable modules',
          'separate configuration and state per environment',
          'plan in CI and apply from the pipeline',
          'scheduled plans detect drift',
          'prevent_destroy for critical resources',
        ],
      },
    ],
  },
  {
    skill: 'CI/CD',
    aliases: [
      'continuous integration',
      'continuous delivery',
      'continuous deployment',
      'github actions',
      'gitlab ci',
      'jenkins',
    ],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between continuous integration, continuous delivery and continuous deployment?',
        gold: 'Continuous integration means developers merge small changes to the main branch often, and each change is built and tested automatically so problems are found early. Continuous delivery keeps the main branch always releasable by producing a tested artifact that can be deployed with one approved step. Continuous deployment goes further and releases every change that passes the pipeline to production automatically. All three depend on a fast, reliable automated test suite.',
        keyPoints: [
          'integration merges small changes often with automated builds and tests',
          'delivery keeps the main branch releasable',
          'deployment releases every passing change automatically',
          'relies on reliable automated tests',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What stages would you put in a CI/CD pipeline for a web service?',
        gold: 'A typical pipeline installs dependencies from a lockfile, runs linting and type checks, unit tests and then integration tests against real dependencies such as a database in containers. It builds one immutable artifact or container image, scans it for vulnerabilities and publishes it to a registry. The same artifact is deployed to staging for smoke or end-to-end tests and then promoted to production. Caching dependencies and running jobs in parallel keep it fast.',
        keyPoints: [
          'lint type check and unit tests',
          'integration tests against real dependencies',
          'build one immutable artifact',
          'scan the image for vulnerabilities',
          'promote the same artifact from staging to production',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do you deploy to production safely and roll back quickly?',
        gold: 'Release gradually with rolling, blue-green or canary deployments, so only a small share of traffic sees a new version at first. Watch error rates and latency during the rollout and roll back automatically when they cross a threshold. Feature flags separate deploying code from releasing features, so a feature can be turned off without a redeploy. Database migrations must be backward compatible, using an expand and contract approach, so the previous version can still run after a rollback.',
        keyPoints: [
          'canary blue-green or rolling deployments',
          'monitor metrics and roll back automatically',
          'feature flags separate deploy from release',
          'backward-compatible migrations with expand and contract',
        ],
      },
    ],
  },
  {
    skill: 'Git',
    aliases: ['github', 'gitlab', 'version control', 'bitbucket'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between git merge and git rebase?',
        gold: 'Merge combines two branches by creating a merge commit that keeps the full history of both, including when they diverged. Rebase replays your commits on top of another branch, producing a linear history but with new commit hashes. Rebasing rewrites history, so it should not be used on branches others have already pulled. Many teams rebase local feature branches to stay current and merge or squash into the main branch.',
        keyPoints: [
          'merge creates a merge commit and keeps history',
          'rebase replays commits for a linear history',
          'rebase rewrites commit hashes',
          'do not rebase shared branches',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How would you recover from a commit that broke production?',
        gold: 'On a shared branch, use git revert to create a new commit that undoes the bad one, because it does not rewrite history that others have pulled. git reset moves the branch pointer and is suitable only for local, unpublished commits. git bisect can find which commit introduced a bug by binary search between a good and a bad version. After the immediate fix, add a test that would have caught the problem.',
        keyPoints: [
          'git revert creates an undoing commit',
          'reset only for unpublished commits',
          'bisect finds the commit that introduced the bug',
          'add a test that would have caught the problem',
        ],
      },
      {
        difficulty: 'hard',
        text: 'What branching strategy would you recommend for a team that deploys several times a day, and why?',
        gold: 'Trunk-based development fits frequent deployment: developers work on short-lived branches or directly on main, merge at least daily and keep main always deployable. Unfinished features hide behind feature flags instead of living on long branches, which avoids painful merges. Pull requests stay small and are reviewed quickly, with CI required to pass before merging. Long-lived release branches or GitFlow suit versioned products that must support several releases at once.',
        keyPoints: [
          'trunk-based development with short-lived branches',
          'main is always deployable',
          'feature flags hide unfinished work',
          'small pull requests with required CI',
          'GitFlow suits versioned releases',
        ],
      },
    ],
  },
  {
    skill: 'Linux',
    aliases: ['unix', 'linux administration', 'ubuntu', 'rhel'],
    questions: [
      {
        difficulty: 'easy',
        text: 'How do file permissions work on Linux?',
        gold: 'Every file has an owner, a group and permission bits for the owner, the group and everyone else. Each set grants read, write and execute rights, written as rwx or in octal, so 644 lets the owner read and write and everyone else only read. chmod changes permissions and chown changes ownership. On directories, execute means the right to enter and traverse the directory.',
        keyPoints: [
          'owner group and others',
          'read write and execute bits',
          'octal notation such as 644',
          'chmod and chown',
          'execute on a directory allows traversal',
        ],
      },
      {
        difficulty: 'medium',
        text: 'A Linux server is slow. How do you find out why?',
        gold: 'Start with uptime and top or htop to see load average, CPU use and the busiest processes. Check memory and swapping with free and vmstat, disk I/O with iostat, and disk space with df. Look at network connections with ss and at recent errors with journalctl or dmesg. The aim is to decide whether CPU, memory, disk or network is the bottleneck before changing anything.',
        keyPoints: [
          'top shows load and busy processes',
          'free and vmstat for memory and swapping',
          'iostat and df for disk',
          'ss for network',
          'journalctl or dmesg for errors',
        ],
      },
      {
        difficulty: 'hard',
        text: 'Explain what happens when a Linux process runs out of memory, and how you would prevent it.',
        gold: "When memory is exhausted the kernel first reclaims page cache and may swap, and if that is not enough the OOM killer terminates the process with the highest badness score, often the largest one. In containers, a cgroup memory limit triggers the same kill for processes inside that group. Prevention means setting realistic memory limits, monitoring resident memory and page faults, fixing leaks, and tuning the application's heap or cache sizes below the limit. The oom_score_adj setting protects critical processes.",
        keyPoints: [
          'kernel reclaims cache and swaps first',
          'OOM killer terminates a process',
          'cgroup memory limits in containers',
          'monitor memory and fix leaks',
          'oom_score_adj protects critical processes',
        ],
      },
    ],
  },
  {
    skill: 'Bash',
    aliases: ['shell scripting', 'shell', 'bash scripting', 'zsh'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What does a shebang line do in a shell script?',
        gold: 'The shebang is the first line of a script, such as #!/usr/bin/env bash, and tells the kernel which interpreter should run the file when it is executed directly. Using env finds the interpreter on the PATH, which makes the script portable across systems. The file also needs execute permission, set with chmod +x. Without a shebang the script runs in whatever shell the caller uses, which may not support bash features.',
        keyPoints: [
          'first line names the interpreter',
          'env finds the interpreter on the PATH',
          'script needs execute permission',
          'without it the calling shell is used',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you make a bash script fail safely instead of continuing after errors?',
        gold: 'Start the script with set -euo pipefail: -e stops on a failing command, -u treats unset variables as errors and pipefail makes a pipeline fail when any command in it fails. Quote variable expansions so values with spaces are not split. Use trap to clean up temporary files on exit, and check the exit status of commands whose failure you expect. ShellCheck catches many common mistakes.',
        keyPoints: [
          'set -e stops on errors',
          'set -u catches unset variables',
          'pipefail for pipelines',
          'quote variables',
          'trap for cleanup and ShellCheck for linting',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you process a very large log file in the shell efficiently?',
        gold: 'Stream the file instead of loading it into memory, chaining tools such as grep, awk, sort and uniq with pipes. Filter as early as possible so later commands handle less data, and use awk to parse fields and aggregate counts in a single pass. For compressed logs use zcat or zgrep, and set LC_ALL=C to speed up sorting and matching. Very large jobs can be split with split or parallelised with xargs -P or GNU parallel.',
        keyPoints: [
          'stream with pipes instead of loading into memory',
          'grep awk sort and uniq',
          'filter early',
          'awk aggregates in one pass',
          'parallelize with xargs or GNU parallel',
        ],
      },
    ],
  },
];
