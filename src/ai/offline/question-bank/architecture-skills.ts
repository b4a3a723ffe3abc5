import type { SkillBankEntry } from './bank-types';

// APIs, messaging, distributed systems, networks, operations and security.
export const ARCHITECTURE_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'REST APIs',
    aliases: ['rest', 'restful', 'rest api', 'restful apis', 'api design', 'openapi'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What makes an API RESTful, and how are HTTP methods used?',
        gold: 'A REST API models the domain as resources identified by URLs and manipulates them with standard HTTP methods: GET reads, POST creates, PUT replaces, PATCH partially updates and DELETE removes. Requests are stateless, so each one carries everything the server needs, including authentication. Responses use meaningful status codes such as 200, 201, 404 and 409. GET, PUT and DELETE are idempotent, so repeating them has the same effect as doing them once.',
        keyPoints: [
          'resources identified by URLs',
          'HTTP methods GET POST PUT PATCH DELETE',
          'stateless requests',
          'meaningful status codes',
          'idempotent methods',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How would you design pagination, filtering and error responses for a REST API?',
        gold: 'Offer cursor-based pagination for large or changing collections, returning the items and an opaque next cursor, because offset pagination gets slow and can skip or repeat rows while data changes. Filtering and sorting use query parameters on a whitelist of fields. Errors use a consistent machine-readable body such as RFC 9457 problem details with a type, title, status and detail, plus field-level messages for validation failures. Document everything in an OpenAPI specification.',
        keyPoints: [
          'cursor pagination instead of offsets for large collections',
          'filters and sorting as query parameters',
          'consistent error format such as problem details',
          'field-level validation messages',
          'document it in an OpenAPI specification',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do you evolve a public REST API without breaking existing clients?',
        gold: 'Make only additive changes within a version: new optional fields, new endpoints and new enum values that clients are told to tolerate. Breaking changes such as removing or renaming fields go into a new version, through the URL path or a header, and the old version is deprecated with clear timelines, Deprecation and Sunset headers and usage monitoring. Contract tests against the OpenAPI document catch accidental breaks. For retried writes, idempotency keys let clients repeat POST requests safely.',
        keyPoints: [
          'only additive changes within a version',
          'breaking changes need a new version',
          'deprecate with timelines and Sunset headers',
          'contract tests catch breaking changes',
          'idempotency keys for safe retries',
        ],
      },
    ],
  },
  {
    skill: 'GraphQL',
    aliases: ['graph ql', 'apollo'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is GraphQL and how does it differ from REST?',
        gold: 'GraphQL is a query language for APIs with a typed schema, where clients send a query that names exactly the fields they need and receive a response of the same shape. A single endpoint serves all queries and mutations instead of many resource URLs. This avoids over-fetching and under-fetching and lets clients combine related data in one request. The schema is introspectable, which powers tooling and documentation.',
        keyPoints: [
          'typed schema',
          'clients request exactly the fields they need',
          'single endpoint for queries and mutations',
          'avoids over-fetching and under-fetching',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What is the N+1 problem in GraphQL and how does DataLoader solve it?',
        gold: 'Resolvers run per field, so resolving a list of posts and then the author of each post can trigger one database query per post. DataLoader collects the keys requested during one tick of the event loop and loads them in a single batched query, then caches results for the rest of the request. A new DataLoader instance is created per request so cached data does not leak between users.',
        keyPoints: [
          'field resolvers cause one query per item',
          'DataLoader batches keys into one query',
          'caches results within a request',
          'create loaders per request',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do you protect a public GraphQL API from abusive or expensive queries?',
        gold: 'Because clients can compose deeply nested queries, limit query depth and compute a complexity or cost score for each query, rejecting those above a budget. Apply rate limits based on cost rather than request count, and set timeouts. Persisted queries or an allow-list let production clients send only known queries. Field-level authorization must be enforced in resolvers, and introspection can be disabled for untrusted clients.',
        keyPoints: [
          'limit query depth',
          'query complexity or cost analysis',
          'rate limiting by cost',
          'persisted queries or allow-lists',
          'authorization in resolvers',
        ],
      },
    ],
  },
  {
    skill: 'Apache Kafka',
    aliases: ['kafka', 'confluent', 'kafka streams'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are topics, partitions and consumer groups in Kafka?',
        gold: 'A topic is a named stream of records, split into partitions that are ordered, append-only logs stored across brokers. Records with the same key go to the same partition, which preserves their order. Consumers in a consumer group share the partitions of a topic, each partition being read by one consumer of the group at a time, so adding consumers scales processing up to the number of partitions. Consumers track their position with committed offsets.',
        keyPoints: [
          'topics split into ordered partitions',
          'same key goes to the same partition',
          'consumer group shares partitions',
          'offsets track progress',
          'processing scales up to the number of partitions',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What delivery guarantees does Kafka offer and how do you avoid duplicate processing?',
        gold: 'By default consumers get at-least-once delivery: if a consumer crashes after processing but before committing its offset, the records are delivered again. Committing before processing gives at-most-once delivery and risks losing data. Producers can be made idempotent, and transactions give exactly-once semantics for read-process-write pipelines inside Kafka. When side effects leave Kafka, consumers should be idempotent, for example by storing processed message IDs or using upserts.',
        keyPoints: [
          'at-least-once delivery can deliver records again',
          'committing before processing risks loss',
          'idempotent producers and transactions for exactly-once',
          'idempotent consumers for external side effects',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you design a Kafka-based event pipeline that stays correct under failures and schema changes?',
        gold: 'Choose partition keys that keep related events in order and spread load evenly, and size partitions for the expected throughput. Set acks=all with enough in-sync replicas so an acknowledged write survives a broker failure. Use a schema registry with Avro or Protobuf and backward-compatible changes so producers and consumers can evolve independently. Send messages that repeatedly fail to a dead-letter topic, monitor consumer lag, and make consumers idempotent so replays are safe.',
        keyPoints: [
          'partition keys for ordering and even load',
          'acks all with min in-sync replicas',
          'schema registry with compatible changes',
          'dead-letter topic for failures',
          'monitor consumer lag and idempotent consumers',
        ],
      },
    ],
  },
  {
    skill: 'RabbitMQ',
    aliases: ['amqp', 'message queue', 'message broker'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are exchanges and queues in RabbitMQ?',
        gold: 'Producers publish messages to an exchange, not directly to a queue, and the exchange routes them to queues through bindings. A direct exchange routes by exact routing key, a topic exchange by wildcard patterns and a fanout exchange to every bound queue. Consumers read from queues. This decouples producers from the consumers that eventually handle their messages.',
        keyPoints: [
          'producers publish to exchanges',
          'bindings route messages to queues',
          'direct topic and fanout exchanges',
          'consumers read from queues',
          'decouples producers and consumers',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do acknowledgements and prefetch work in RabbitMQ?',
        gold: "With manual acknowledgements a consumer confirms each message after processing it, and unacknowledged messages are redelivered if the consumer's connection closes, which gives at-least-once delivery. A negative acknowledgement can requeue a message or route it to a dead-letter exchange. The prefetch count limits how many unacknowledged messages a consumer holds at once, balancing work across consumers and protecting slow ones. Publisher confirms tell the producer the broker has stored a message.",
        keyPoints: [
          'manual acks after processing',
          'unacked messages are redelivered',
          'nack requeues or dead-letters',
          'prefetch limits unacknowledged messages',
          'publisher confirms',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you handle retries and poison messages in a RabbitMQ-based system?',
        gold: 'Do not requeue a failing message immediately, because it will loop and block the queue. Instead route it through a dead-letter exchange to a retry queue with a message TTL, or use the delayed message plugin, so it returns after a growing delay. Count attempts in a header and after a limit move the message to a parking queue for investigation and alerting. Consumers must be idempotent because retries and redeliveries produce duplicates, and quorum queues keep messages safe across node failures.',
        keyPoints: [
          'avoid immediate requeue loops',
          'dead-letter exchange with TTL retry queues',
          'count attempts and park poison messages',
          'idempotent consumers',
          'quorum queues for durability',
        ],
      },
    ],
  },
  {
    skill: 'Microservices',
    aliases: ['microservice architecture', 'service oriented architecture', 'soa'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are microservices and what are their main trade-offs?',
        gold: 'Microservices split an application into small services that each own one business capability and its data, and communicate over the network through APIs or events. Teams can deploy, scale and choose technology for each service independently. The cost is distributed-system complexity: network failures, eventual consistency, harder debugging and more operational work. A modular monolith is often the better start for small teams.',
        keyPoints: [
          'small services own one capability and their data',
          'independent deployment and scaling',
          'network communication adds failure modes',
          'eventual consistency and operational complexity',
          'modular monolith as an alternative',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How should microservices communicate, synchronously or asynchronously?',
        gold: 'Synchronous calls such as REST or gRPC are simple and suit queries that need an immediate answer, but they couple availability, so a slow service slows every caller. Asynchronous messaging through a broker decouples services in time and absorbs load spikes, which suits events and commands that can be processed later, at the cost of eventual consistency. Synchronous calls need timeouts, retries with back-off and circuit breakers. Many systems use both.',
        keyPoints: [
          'synchronous REST or gRPC for immediate answers',
          'synchronous calls couple availability',
          'asynchronous messaging decouples and absorbs spikes',
          'timeouts retries and circuit breakers',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do you keep data consistent across microservices without distributed transactions?',
        gold: 'Each service owns its database, so a business process spanning services becomes a saga: a sequence of local transactions, each publishing an event or command, with compensating actions that undo earlier steps when a later one fails. The outbox pattern writes the event to an outbox table in the same local transaction as the state change, and a relay publishes it, so no event is lost or sent for a rolled-back change. Consumers must be idempotent because messages can arrive more than once. The system is eventually consistent, so the user interface must handle intermediate states.',
        keyPoints: [
          'each service owns its data',
          'sagas with compensating actions',
          'outbox pattern publishes events reliably',
          'idempotent consumers',
          'eventual consistency',
        ],
      },
    ],
  },
  {
    skill: 'System Design',
    aliases: ['systems design', 'distributed systems', 'scalability', 'software architecture'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between horizontal and vertical scaling?',
        gold: 'Vertical scaling gives a single machine more CPU, memory or faster disks, which is simple but limited by the largest machine available and leaves a single point of failure. Horizontal scaling adds more machines and spreads the load across them, usually behind a load balancer. It requires stateless services or shared storage for state, but it adds capacity and redundancy almost without limit.',
        keyPoints: [
          'vertical scaling adds resources to one machine',
          'vertical scaling has limits and a single point of failure',
          'horizontal scaling adds machines behind a load balancer',
          'horizontal scaling needs stateless services',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How would you design a URL shortener?',
        gold: 'The service maps a short code to a long URL: writes generate a unique code, for example by encoding an ID from a sequence or a distributed ID generator in base62, and store the mapping in a key-value store or database indexed by code. Reads are far more frequent than writes, so a cache and a CDN serve popular codes, and the redirect uses an HTTP 301 or 302. Collisions are avoided by construction or checked on insert. Rate limiting, abuse detection and analytics pipelines complete the design.',
        keyPoints: [
          'map short code to long URL',
          'generate unique codes with base62 IDs',
          'read-heavy so cache popular codes',
          'redirect with 301 or 302',
          'rate limiting and abuse prevention',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you design a system that sends notifications to millions of users reliably?',
        gold: 'An API accepts notification requests and writes them to a durable queue, so spikes are absorbed and nothing is lost when downstream services fail. Workers partitioned by user or channel read from the queue, apply user preferences, rate limits and deduplication, and call providers for e-mail, SMS and push. Failed sends are retried with exponential back-off and eventually moved to a dead-letter queue, and idempotency keys prevent duplicates. Delivery status is stored for tracking, and the workers scale horizontally with queue depth.',
        keyPoints: [
          'durable queue absorbs spikes',
          'workers partitioned and scaled horizontally',
          'preferences rate limits and deduplication',
          'retries with back-off and dead-letter queue',
          'idempotency keys and delivery tracking',
        ],
      },
    ],
  },
  {
    skill: 'Networking',
    aliases: ['computer networking', 'tcp/ip', 'tcp', 'dns', 'http'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between TCP and UDP?',
        gold: 'TCP is connection-oriented: it sets up a connection with a handshake and guarantees ordered, reliable delivery through acknowledgements and retransmission, with flow and congestion control. UDP sends independent datagrams without a connection, ordering or delivery guarantees, so it has less overhead and latency. TCP suits web traffic, file transfer and databases, while UDP suits real-time media, games and DNS queries where late data is useless. QUIC builds reliable streams on top of UDP.',
        keyPoints: [
          'TCP is connection-oriented with a handshake',
          'TCP guarantees ordered reliable delivery',
          'UDP has no connection or delivery guarantee',
          'UDP has lower overhead for real-time traffic',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What happens when you type a URL into a browser and press Enter?',
        gold: 'The browser resolves the host name to an IP address through caches and DNS resolvers. It opens a TCP connection, or QUIC for HTTP/3, and performs a TLS handshake that verifies the server certificate and agrees on keys. It sends an HTTP request, and the server, often behind a load balancer or CDN, returns a response. The browser parses the HTML, fetches further resources such as CSS, scripts and images, and renders the page.',
        keyPoints: [
          'DNS resolves the host name',
          'TCP or QUIC connection',
          'TLS handshake verifies the certificate',
          'HTTP request and response',
          'browser parses and renders the page',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you troubleshoot intermittent timeouts between two services in a data centre or cloud network?',
        gold: 'Narrow down where the time goes: check whether timeouts correlate with load, a specific host, time of day or a network path. Measure DNS resolution time, TCP connect time, TLS handshake and server response separately, with tools such as curl timing, tcpdump or traces. Common causes include exhausted connection pools, SYN backlog or conntrack tables filling up, packet loss, MTU mismatches and idle connections dropped by a load balancer or NAT timeout. Fixes include keep-alive settings aligned with intermediaries, connection pooling and retries with timeouts.',
        keyPoints: [
          'correlate timeouts with load hosts or paths',
          'measure DNS connect TLS and response time separately',
          'packet capture with tcpdump',
          'connection pool or conntrack exhaustion and packet loss',
          'idle timeouts and keep-alive settings',
        ],
      },
    ],
  },
  {
    skill: 'Observability',
    aliases: ['monitoring', 'logging', 'prometheus', 'grafana', 'opentelemetry', 'sre'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are the three main kinds of telemetry used for observability?',
        gold: 'Metrics are numeric measurements aggregated over time, such as request rate, error rate and latency, which are cheap to store and good for dashboards and alerts. Logs are timestamped records of discrete events with detail for debugging, ideally structured as JSON. Traces follow a single request across services as a tree of spans, showing where its time was spent. Correlating them with a shared request or trace ID is what makes them powerful together.',
        keyPoints: [
          'metrics aggregate numeric measurements',
          'logs record discrete events',
          'traces follow a request across services',
          'correlate with a shared trace ID',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How would you define alerts that are useful rather than noisy?',
        gold: 'Alert on symptoms that users feel, such as error rate and latency against service level objectives, rather than on every cause such as high CPU. Burn-rate alerts fire when the error budget is being consumed too fast over both short and long windows, which catches real incidents without flapping. Every alert should be actionable, routed to the owning team and linked to a runbook. Non-urgent signals go to tickets or dashboards instead of paging someone.',
        keyPoints: [
          'alert on user-facing symptoms',
          'service level objectives and error budgets',
          'burn-rate alerts over multiple windows',
          'actionable alerts with runbooks',
          'non-urgent issues go to tickets',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you instrument a distributed system so you can debug a slow request end to end?',
        gold: 'Instrument services with OpenTelemetry so each incoming request starts or continues a trace and the context is propagated through HTTP headers and message metadata. Record spans for database queries, outgoing calls and queue operations, with attributes such as route and status, and include the trace ID in every log line. Use RED metrics per endpoint and latency histograms rather than averages to see tail latency. Sample traces to control cost, while keeping all errors and slow requests.',
        keyPoints: [
          'OpenTelemetry traces with context propagation',
          'spans for database calls and outgoing requests',
          'trace IDs in logs',
          'latency histograms and percentiles',
          'sampling that keeps errors and slow requests',
        ],
      },
    ],
  },
  {
    skill: 'Security',
    aliases: ['application security', 'web security', 'appsec', 'owasp', 'cybersecurity'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is SQL injection and how do you prevent it?',
        gold: "SQL injection happens when user input is concatenated into an SQL statement, so crafted input changes the query, for example to bypass a login or read other users' data. The main defence is parameterised queries or prepared statements, where input is sent separately from the SQL and treated only as data. ORMs and query builders do this by default. Least-privilege database accounts and input validation limit the damage.",
        keyPoints: [
          'input concatenated into SQL changes the query',
          'parameterized queries or prepared statements',
          'ORMs parameterize by default',
          'least-privilege database accounts',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How should passwords be stored, and how do you protect a login endpoint?',
        gold: 'Never store passwords in plain text or with a fast hash such as SHA-256; use a slow, salted password hashing algorithm such as Argon2id, bcrypt or scrypt, which makes offline guessing expensive. Each password gets a unique random salt, stored with the hash. Protect the login endpoint with rate limiting and lockouts or delays per account and per IP, generic error messages that do not reveal whether a user exists, and multi-factor authentication. Check new passwords against lists of breached passwords.',
        keyPoints: [
          'slow salted hashing such as Argon2id or bcrypt',
          'unique salt per password',
          'rate limiting per account and IP',
          'generic error messages',
          'multi-factor authentication',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you design authentication with JWT access tokens and refresh tokens securely?',
        gold: 'Issue short-lived access tokens, signed with a strong key, that carry only the claims needed, and verify signature, expiry, issuer and audience on every request. Refresh tokens are long-lived, so store them securely, keep a server-side record and rotate them on every use; reuse of an old refresh token signals theft and should revoke the whole token family. Logout, password changes and role changes must invalidate existing tokens, for example with a token version check. In browsers, keep tokens in httpOnly, secure cookies with CSRF protection rather than in local storage.',
        keyPoints: [
          'short-lived signed access tokens',
          'verify signature expiry issuer and audience',
          'rotate refresh tokens and detect reuse',
          'revoke tokens on logout or password change',
          'httpOnly secure cookies instead of local storage',
        ],
      },
    ],
  },
];
