import type { SkillBankEntry } from './bank-types';

// Containers, orchestration and cloud platforms.
export const CLOUD_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'Docker',
    aliases: ['containers', 'dockerfile', 'docker compose', 'containerization'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between a Docker image and a container?',
        gold: 'An image is a read-only template built from a Dockerfile as a stack of layers, holding the application, its dependencies and its configuration. A container is a running instance of an image with its own writable layer, process space and network interface. Many containers can start from the same image, and changes made inside a container are lost when it is removed unless they are written to a volume. Images are versioned with tags and shared through a registry.',
        keyPoints: [
          'image is a read-only template built from layers',
          'container is a running instance of an image',
          'containers add a writable layer',
          'changes are lost unless written to a volume',
          'images are shared through a registry',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you write an efficient and secure Dockerfile?',
        gold: 'Start from a small, trusted base image pinned to a version, and use a multi-stage build so compilers and build tools stay out of the final image. Order instructions so rarely changing steps, such as installing dependencies, come before copying the source code, which keeps the layer cache effective. Use a .dockerignore file, run the process as a non-root user and never bake secrets into layers. Scan the image for known vulnerabilities in CI.',
        keyPoints: [
          'small pinned base image',
          'multi-stage builds keep build tools out',
          'order layers for caching',
          'run as a non-root user',
          'no secrets in image layers',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do containers isolate processes on Linux, and where does that isolation stop?',
        gold: 'Containers are ordinary processes isolated by kernel namespaces, which give them their own view of process IDs, network interfaces, mounts and hostnames. Control groups limit and account for CPU, memory and I/O use. Unlike virtual machines, all containers share the host kernel, so a kernel vulnerability or a privileged container can lead to escape onto the host. Hardening includes running as non-root, dropping capabilities, seccomp and AppArmor profiles, read-only filesystems, and stronger sandboxes such as gVisor or micro-VMs for untrusted code.',
        keyPoints: [
          'namespaces isolate processes network and mounts',
          'cgroups limit CPU and memory',
          'containers share the host kernel unlike VMs',
          'privileged containers allow escape',
          'drop capabilities and use seccomp or sandboxes',
        ],
      },
    ],
  },
  {
    skill: 'Kubernetes',
    aliases: ['k8s', 'kube', 'eks', 'gke', 'aks', 'openshift'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is a Pod in Kubernetes and how does it relate to a Deployment?',
        gold: 'A Pod is the smallest deployable unit in Kubernetes: one or more containers that share a network namespace and storage volumes and are scheduled together on a node. Pods are ephemeral and are replaced rather than repaired. A Deployment declares the desired number of Pod replicas and their template, and its controller creates and replaces Pods to match that state. Deployments also perform rolling updates and rollbacks.',
        keyPoints: [
          'Pod is the smallest deployable unit',
          'containers in a Pod share network and storage',
          'Pods are ephemeral',
          'Deployment keeps the desired number of replicas',
          'rolling updates and rollbacks',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do Services, readiness probes and liveness probes work together in Kubernetes?',
        gold: 'A Service gives a stable virtual IP and DNS name to a changing set of Pods selected by labels and load-balances traffic across them. A readiness probe tells Kubernetes whether a Pod can receive traffic; a Pod that fails it is removed from the Service endpoints without being restarted. A liveness probe detects a stuck container, and failing it makes the kubelet restart the container. Liveness probes should check only the process itself, not dependencies such as the database, or one outage restarts everything.',
        keyPoints: [
          'Service gives a stable name and load-balances Pods by label',
          'readiness controls whether a Pod receives traffic',
          'liveness failure restarts the container',
          'liveness should not depend on external services',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you run a stateful, highly available service on Kubernetes and keep it reliable during node failures and upgrades?',
        gold: 'Use a StatefulSet so each replica keeps a stable network identity and its own persistent volume claim. Spread replicas across nodes and zones with pod anti-affinity or topology spread constraints, and set a PodDisruptionBudget so voluntary disruptions such as node drains never take down too many replicas at once. Set resource requests and limits so the scheduler places Pods sensibly and they are not evicted first under pressure. Replication and failover still belong to the application or an operator, and backups must be tested.',
        keyPoints: [
          'StatefulSet with stable identity and persistent volumes',
          'spread replicas across nodes and zones',
          'PodDisruptionBudget limits disruptions during drains',
          'resource requests and limits',
          'operator or application handles replication and backups',
        ],
      },
    ],
  },
  {
    skill: 'Amazon Web Services',
    aliases: ['aws', 'amazon aws', 'ec2', 's3', 'aws lambda'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between EC2, Lambda and S3 in AWS?',
        gold: 'EC2 provides virtual machines that you size, patch and scale yourself, which suits long-running or specialised workloads. Lambda runs functions on demand in response to events, bills per invocation and duration, and scales automatically, but has execution time limits and cold starts. S3 is object storage for files of any size with very high durability, used for static assets, backups and data lakes. Choosing between them depends on control, traffic pattern and operational effort.',
        keyPoints: [
          'EC2 provides virtual machines you manage',
          'Lambda runs event-driven functions billed per use',
          'Lambda has time limits and cold starts',
          'S3 is durable object storage',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does IAM work in AWS and how do you apply least privilege?',
        gold: 'IAM policies are JSON documents that allow or deny actions on resources, attached to users, groups and roles, and anything not explicitly allowed is denied. Workloads such as EC2 instances or Lambda functions should assume roles with temporary credentials instead of using long-lived access keys. Least privilege means granting only the actions and resources a task needs, scoping with conditions and reviewing unused permissions with IAM Access Analyzer. Humans should sign in through single sign-on with MFA.',
        keyPoints: [
          'policies allow or deny actions on resources',
          'anything not explicitly allowed is denied',
          'roles with temporary credentials instead of access keys',
          'grant only needed actions and resources',
          'MFA and access reviews',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you design a highly available web application on AWS?',
        gold: 'Run stateless application servers in an Auto Scaling group or on ECS across at least two Availability Zones behind an Application Load Balancer with health checks. Use a managed database such as RDS or Aurora with Multi-AZ failover and read replicas, and keep sessions and caches in ElastiCache rather than on instances. Serve static content from S3 through CloudFront. Monitor with CloudWatch alarms, keep infrastructure in code, and test backups and failover regularly.',
        keyPoints: [
          'multiple Availability Zones',
          'load balancer with health checks and auto scaling',
          'Multi-AZ managed database',
          'stateless servers with shared cache',
          'CloudFront CDN and monitoring with CloudWatch',
        ],
      },
    ],
  },
  {
    skill: 'Google Cloud',
    aliases: ['gcp', 'google cloud platform', 'gke', 'bigquery', 'cloud run'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Cloud Run and when would you use it?',
        gold: 'Cloud Run is a managed Google Cloud service that runs stateless containers and scales them automatically with incoming requests, down to zero when idle. You deploy a container image and pay only while requests are being handled. It suits HTTP APIs, web applications and event handlers that do not need to manage servers or a Kubernetes cluster. Long-lived state must live in services such as Cloud SQL, Firestore or Cloud Storage.',
        keyPoints: [
          'runs stateless containers',
          'scales automatically to zero',
          'pay while handling requests',
          'no cluster to manage',
          'state in managed storage services',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does BigQuery differ from a traditional relational database, and how do you control its cost?',
        gold: 'BigQuery is a serverless data warehouse that stores data in columnar format and runs analytical SQL queries across many machines. It is built for scanning large datasets and aggregations rather than frequent single-row updates. On-demand pricing is based on bytes scanned, so selecting only needed columns, partitioning tables by date and clustering by common filters reduce cost. Query previews, cost controls and materialized views also help.',
        keyPoints: [
          'serverless columnar data warehouse',
          'suited to analytics not single-row updates',
          'billed by bytes scanned',
          'partitioning and clustering reduce scanned data',
          'select only the needed columns',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you secure workloads and service accounts on Google Cloud?',
        gold: 'Give each workload its own service account with only the IAM roles it needs, preferring predefined narrow roles over broad basic roles such as Editor. Avoid downloadable service account keys: use Workload Identity on GKE or attached service accounts, and workload identity federation for external systems. Store secrets in Secret Manager, restrict networks with VPC firewall rules and Private Google Access, and set organisation policies that block risky configurations. Cloud Audit Logs record who did what.',
        keyPoints: [
          'one service account per workload with narrow roles',
          'avoid service account keys',
          'Workload Identity or federation',
          'Secret Manager for secrets',
          'organization policies and audit logs',
        ],
      },
    ],
  },
  {
    skill: 'Microsoft Azure',
    aliases: ['azure', 'azure cloud', 'azure devops'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are resource groups and subscriptions in Microsoft Azure?',
        gold: "A subscription is a billing and access boundary that contains Azure resources, and an organisation often has several for different teams or environments. Resource groups are logical containers inside a subscription that hold resources sharing a lifecycle, such as one application's web app, database and storage. Access control, policies and tags can be applied at either level and are inherited by the resources within. Deleting a resource group deletes everything in it.",
        keyPoints: [
          'subscription is a billing and access boundary',
          'resource groups hold resources with a shared lifecycle',
          'access control and policies are inherited',
          'deleting a resource group removes its resources',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do managed identities work in Azure?',
        gold: 'A managed identity gives an Azure resource, such as an App Service or a virtual machine, an identity in Microsoft Entra ID that Azure manages automatically. The application requests tokens for that identity to access other services like Key Vault, Storage or SQL Database, so no passwords or keys are stored in code or configuration. Access is granted with role assignments scoped to the resources it needs. System-assigned identities live and die with the resource, while user-assigned ones can be shared.',
        keyPoints: [
          'identity for an Azure resource in Entra ID',
          'tokens instead of stored secrets',
          'role assignments grant access',
          'system-assigned versus user-assigned identities',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you design a resilient application on Azure across failures?',
        gold: 'Deploy the application across availability zones, for example App Service or AKS with zone redundancy behind Azure Front Door or Application Gateway, and keep instances stateless. Use managed data services with geo-replication, such as Azure SQL with failover groups or Cosmos DB with multiple regions, and decide the recovery time and recovery point objectives first. Use queues such as Service Bus to absorb spikes and decouple components, and retries with back-off for transient faults. Monitor with Azure Monitor and Application Insights and rehearse failover.',
        keyPoints: [
          'availability zones with zone-redundant services',
          'Front Door or Application Gateway routing',
          'geo-replicated data with failover groups',
          'queues such as Service Bus decouple components',
          'retries with back-off and monitoring',
        ],
      },
    ],
  },
];
