import type { SkillBankEntry } from './bank-types';

// Server-side web frameworks.
export const FRAMEWORK_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'Django',
    aliases: ['django rest framework', 'drf'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are Django models and migrations?',
        gold: "A Django model is a Python class that describes a database table, with each attribute mapping to a column and Django's ORM generating the SQL for queries. When models change, makemigrations records the change as a migration file and migrate applies it to the database. Migrations are committed with the code so every environment reaches the same schema. The ORM also provides validation, relationships and an admin interface from the same definitions.",
        keyPoints: [
          'model class maps to a database table',
          'ORM generates SQL queries',
          'makemigrations and migrate apply schema changes',
          'migrations are committed with the code',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you avoid N+1 queries in the Django ORM?',
        gold: 'Querysets are lazy, and reading a related object inside a loop triggers one extra query per row. select_related follows foreign keys and one-to-one relations with a SQL join in the same query. prefetch_related loads many-to-many and reverse relations with a second query and joins them in Python. Django Debug Toolbar or assertNumQueries in tests reveal how many queries a view runs.',
        keyPoints: [
          'related objects in a loop cause one query per row',
          'select_related uses a join for foreign keys',
          'prefetch_related for many-to-many and reverse relations',
          'detect with Debug Toolbar or assertNumQueries',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you secure and scale a Django application in production?',
        gold: 'Turn DEBUG off, keep the secret key and credentials in environment variables, set ALLOWED_HOSTS and enable secure cookies, HSTS and the CSRF and clickjacking protections Django ships with. Serve it with a WSGI or ASGI server such as Gunicorn or Uvicorn behind a reverse proxy, with static files on a CDN. Scale horizontally with stateless application servers, a shared cache such as Redis and a connection pooler for the database. Slow work goes to background workers with Celery.',
        keyPoints: [
          'DEBUG off and secrets in the environment',
          'ALLOWED_HOSTS secure cookies and HSTS',
          'Gunicorn or Uvicorn behind a reverse proxy',
          'stateless servers with a shared Redis cache',
          'Celery for background work',
        ],
      },
    ],
  },
  {
    skill: 'Flask',
    aliases: ['flask python'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Flask and how does it differ from Django?',
        gold: 'Flask is a lightweight Python web framework that provides routing, request handling and templating, and leaves choices such as the database layer, forms and authentication to extensions. Django is a full framework with an ORM, admin, authentication and migrations built in. Flask suits small services and APIs where you want to choose each component, while Django suits larger applications that benefit from its conventions.',
        keyPoints: [
          'lightweight micro framework',
          'routing and request handling',
          'extensions for database and authentication',
          'Django includes ORM admin and authentication',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you structure a larger Flask application?',
        gold: 'Use an application factory function that creates and configures the app, so tests and different environments can build their own instance. Split routes into blueprints by feature and register them in the factory. Keep configuration in classes or environment variables, and initialise extensions such as SQLAlchemy once and bind them to the app in the factory. Business logic lives in service modules rather than in view functions.',
        keyPoints: [
          'application factory creates the app',
          'blueprints split routes by feature',
          'configuration from environment variables',
          'extensions initialized in the factory',
          'business logic outside views',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How does Flask handle request context and concurrency, and how would you deploy it?',
        gold: 'Flask exposes request and g as context-local proxies, so each request sees its own data even when a server handles many requests at once. The development server is not for production; Flask runs under a WSGI server such as Gunicorn with several worker processes, optionally with threads, behind a reverse proxy like Nginx. Long-running work should go to a task queue, because a blocked worker cannot serve other requests. Database sessions must be scoped to the request and closed when it ends.',
        keyPoints: [
          'request and g are context-local',
          'production uses a WSGI server such as Gunicorn',
          'multiple workers behind a reverse proxy',
          'long tasks go to a task queue',
          'session scoped to the request',
        ],
      },
    ],
  },
  {
    skill: 'FastAPI',
    aliases: ['fast api'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What makes FastAPI different from other Python web frameworks?',
        gold: 'FastAPI builds APIs from Python type hints: request parameters and bodies are declared as typed arguments and Pydantic models, which are validated automatically. It generates OpenAPI documentation and an interactive docs page from the same definitions. It runs on ASGI and supports async endpoints, so it handles many concurrent I/O-bound requests efficiently.',
        keyPoints: [
          'type hints declare parameters',
          'Pydantic validates requests',
          'automatic OpenAPI documentation',
          'async endpoints on ASGI',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does dependency injection work in FastAPI?',
        gold: 'An endpoint declares dependencies with Depends, and FastAPI calls those functions for each request and passes their results in. Dependencies can depend on other dependencies, which keeps concerns such as authentication, database sessions and pagination reusable. A dependency that yields can run cleanup after the response, for example closing a database session. In tests, dependency_overrides replaces a dependency with a fake.',
        keyPoints: [
          'Depends declares dependencies',
          'reusable authentication and database sessions',
          'yield dependencies run cleanup',
          'dependency_overrides in tests',
        ],
      },
      {
        difficulty: 'hard',
        text: 'What goes wrong when you mix blocking code into async FastAPI endpoints, and how do you avoid it?',
        gold: 'An async def endpoint runs on the event loop, so a blocking call inside it, such as a synchronous database driver, requests or time.sleep, stalls every other request on that worker. Either use async libraries and await them, or declare the endpoint with plain def so FastAPI runs it in a thread pool. CPU-heavy work should move to a process pool or a background worker. Load testing and event loop monitoring reveal these stalls.',
        keyPoints: [
          'blocking calls in async endpoints stall the event loop',
          'use async libraries with await',
          'plain def endpoints run in a thread pool',
          'CPU work to a process pool or worker',
        ],
      },
    ],
  },
  {
    skill: 'Spring Boot',
    aliases: ['spring', 'spring framework', 'spring mvc'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What does Spring Boot add to the Spring Framework?',
        gold: 'Spring Boot gives opinionated auto-configuration, so adding a starter dependency such as spring-boot-starter-web configures sensible defaults without XML or boilerplate. Applications run as an executable jar with an embedded server such as Tomcat. Configuration comes from application properties or YAML files and environment variables, with profiles for each environment. Actuator adds health checks and metrics for production.',
        keyPoints: [
          'auto-configuration from starter dependencies',
          'executable jar with an embedded server',
          'configuration in properties or YAML with profiles',
          'Actuator health checks and metrics',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain dependency injection and bean scopes in Spring.',
        gold: 'The Spring container creates objects called beans and injects their dependencies, preferably through constructors, so classes do not construct their own collaborators and are easy to test. Beans are discovered by component scanning of annotations like @Service and @Repository or declared in @Configuration classes with @Bean methods. The default scope is singleton, one instance per container, while prototype creates a new instance for each injection and request or session scopes exist for web applications. Singleton beans must therefore be stateless or thread-safe.',
        keyPoints: [
          'container creates beans and injects dependencies',
          'constructor injection makes testing easy',
          'component scanning or @Bean methods',
          'singleton is the default scope',
          'singleton beans must be thread-safe',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do transactions work in Spring with @Transactional, and what are the common pitfalls?',
        gold: '@Transactional makes Spring wrap the bean in a proxy that opens a transaction before the method and commits or rolls back afterwards. By default it rolls back only on unchecked exceptions, so checked exceptions need rollbackFor. Because it works through a proxy, calling a transactional method from another method of the same class bypasses the proxy and starts no transaction. Propagation settings such as REQUIRED and REQUIRES_NEW control how nested calls join or suspend transactions, and long transactions that include remote calls hold database locks too long.',
        keyPoints: [
          'proxy opens and commits the transaction',
          'rolls back on unchecked exceptions by default',
          'calls within the same class bypass the proxy',
          'propagation REQUIRED or REQUIRES_NEW',
          'avoid remote calls inside long transactions',
        ],
      },
    ],
  },
  {
    skill: '.NET',
    aliases: ['dotnet', 'asp.net', 'asp.net core', '.net core', 'entity framework'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is ASP.NET Core middleware?',
        gold: 'Middleware are components arranged in a pipeline that each receive the HTTP request, can act on it, and either pass it to the next component or end the response. Order matters: exception handling, HTTPS redirection, routing, authentication and authorization are registered in a deliberate sequence in Program.cs. Cross-cutting concerns such as logging, CORS and compression are implemented as middleware. Custom middleware is a class with an InvokeAsync method or an inline delegate.',
        keyPoints: [
          'pipeline of components handling requests',
          'each passes to the next or ends the response',
          'order of registration matters',
          'cross-cutting concerns such as logging and authentication',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain service lifetimes in .NET dependency injection.',
        gold: 'ASP.NET Core registers services with one of three lifetimes. A transient service is created every time it is requested, a scoped service is created once per HTTP request, and a singleton lives for the whole application. A DbContext is usually scoped so each request has its own unit of work. Injecting a scoped service into a singleton is a captive dependency bug, because the scoped instance lives far longer than intended.',
        keyPoints: [
          'transient creates a new instance each time',
          'scoped lives for one request',
          'singleton lives for the application',
          'DbContext is scoped',
          'captive dependency when a singleton holds a scoped service',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you diagnose and improve the performance of an ASP.NET Core API under load?',
        gold: 'Measure with load tests and telemetry such as OpenTelemetry traces, dotnet-counters and profiling, to see whether time goes to the database, external calls or CPU. Make I/O asynchronous end to end so thread-pool threads are not blocked, and avoid sync-over-async. Optimise Entity Framework queries with projections, AsNoTracking and proper indexes, and cache results with IMemoryCache or a distributed cache. Reduce allocations in hot paths and use response compression and output caching where it fits.',
        keyPoints: [
          'measure with load tests traces and counters',
          'async I/O without blocking thread-pool threads',
          'efficient EF queries with AsNoTracking and indexes',
          'caching with memory or distributed cache',
          'reduce allocations in hot paths',
        ],
      },
    ],
  },
  {
    skill: 'Express',
    aliases: ['express.js', 'expressjs', 'nestjs', 'koa', 'fastify'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is middleware in Express?',
        gold: 'Middleware functions receive the request, the response and a next function, and they run in the order they are registered. Each one can read or change the request, end the response, or call next to pass control on. Body parsing, logging, authentication and CORS are all middleware. Error-handling middleware has four arguments and is registered after the routes.',
        keyPoints: [
          'functions receiving request response and next',
          'run in registration order',
          'can end the response or call next',
          'error-handling middleware has four arguments',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you structure error handling and validation in an Express or NestJS API?',
        gold: 'Validate request bodies, parameters and queries at the edge with a schema validator or DTO classes, and reject bad input with a 400 and a clear message. Throw typed application errors in services and translate them to HTTP responses in one central error handler, so status codes and response shapes stay consistent. Asynchronous handlers must forward rejected promises to the error handler, which Express 5 and NestJS do automatically. Unknown errors return a generic 500 while the details go to the logs.',
        keyPoints: [
          'validate input at the edge with schemas or DTOs',
          'reject bad input with 400',
          'central error handler maps errors to status codes',
          'forward async errors',
          'generic 500 with details only in logs',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you scale a Node.js HTTP API built with Express across several instances?',
        gold: 'Keep the application stateless, so sessions, rate-limit counters and caches live in shared stores such as Redis or the database instead of process memory. Run several processes per machine with a process manager or containers, and several machines behind a load balancer with health checks. Move slow work to a job queue processed by workers. Handle graceful shutdown on SIGTERM by stopping new connections and finishing in-flight requests, and watch event loop lag and latency percentiles.',
        keyPoints: [
          'stateless instances with shared Redis or database',
          'multiple processes behind a load balancer',
          'job queue for slow work',
          'graceful shutdown on SIGTERM',
          'monitor event loop lag and latency',
        ],
      },
    ],
  },
];
