import type { SkillBankEntry } from './bank-types';

// Relational databases, document stores, caches and search engines.
export const DATA_STORE_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'SQL',
    aliases: ['structured query language', 't-sql', 'pl/sql', 'sql server', 'microsoft sql server'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between an INNER JOIN and a LEFT JOIN?',
        gold: 'An INNER JOIN returns only the rows that have a match in both tables according to the join condition. A LEFT JOIN returns every row from the left table, with the matching columns from the right table, or NULL values where there is no match. A LEFT JOIN combined with a WHERE check for NULL on the right side finds rows that have no match, such as customers without orders.',
        keyPoints: [
          'INNER JOIN returns only matching rows',
          'LEFT JOIN keeps every row from the left table',
          'NULL values where there is no match',
          'find rows without a match by checking for NULL',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do indexes speed up queries, and what do they cost?',
        gold: 'An index is a separate data structure, usually a B-tree, that keeps column values sorted with pointers to rows, so the database can find matching rows without scanning the whole table. Indexes help WHERE filters, joins and ORDER BY on the indexed columns, and a composite index helps queries that use its leading columns. Every insert, update and delete must also update each index, so indexes slow writes and use storage. Index columns that queries actually filter or join on, and check the plan with EXPLAIN.',
        keyPoints: [
          'B-tree keeps values sorted to avoid full table scans',
          'helps filters joins and sorting',
          'composite index uses its leading columns',
          'indexes slow down writes and use storage',
          'check the plan with EXPLAIN',
        ],
      },
      {
        difficulty: 'hard',
        text: 'Explain transaction isolation levels and the anomalies they prevent.',
        gold: "Isolation levels define how much concurrent transactions can see of each other's changes. Read uncommitted allows dirty reads of uncommitted data, read committed prevents dirty reads but allows non-repeatable reads, and repeatable read keeps rows stable within a transaction although phantom rows may still appear in some databases. Serializable makes concurrent transactions behave as if they ran one after another, at the cost of more blocking or serialization failures that must be retried. Most applications use read committed and add explicit locks such as SELECT FOR UPDATE where a read-modify-write must be safe.",
        keyPoints: [
          'isolation controls visibility between concurrent transactions',
          'dirty reads non-repeatable reads and phantoms',
          'serializable runs transactions as if one after another',
          'stronger isolation costs blocking or retries',
          'SELECT FOR UPDATE for read-modify-write',
        ],
      },
    ],
  },
  {
    skill: 'PostgreSQL',
    aliases: ['postgres', 'postgresql database', 'psql'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is a primary key and a foreign key in PostgreSQL?',
        gold: 'A primary key uniquely identifies each row in a table; it cannot be NULL and PostgreSQL creates a unique index for it automatically. A foreign key is a column that references the primary key or a unique column of another table, and the database rejects values that do not exist there. The ON DELETE rule of a foreign key decides what happens to referencing rows, for example CASCADE or RESTRICT. Foreign keys are not indexed automatically, so the referencing column usually needs its own index.',
        keyPoints: [
          'primary key uniquely identifies rows and is not null',
          'foreign key references another table',
          'database rejects references to rows that do not exist',
          'ON DELETE cascade or restrict',
          'foreign key columns need their own index',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you find and fix a slow query in PostgreSQL?',
        gold: 'Find slow queries with pg_stat_statements or the slow query log, then run EXPLAIN ANALYZE to see the actual plan, row counts and timings. Look for sequential scans on large tables, row estimates far from the actual counts, and expensive sorts or nested loops. Typical fixes are adding an index that matches the filter and sort order, rewriting the query, and running ANALYZE so the planner has fresh statistics. Verify the improvement with the plan again, not with a guess.',
        keyPoints: [
          'pg_stat_statements or slow query log to find queries',
          'EXPLAIN ANALYZE shows the real plan',
          'sequential scans and bad row estimates',
          'add an index or update statistics with ANALYZE',
        ],
      },
      {
        difficulty: 'hard',
        text: 'Explain MVCC in PostgreSQL and why VACUUM is necessary.',
        gold: 'PostgreSQL uses multi-version concurrency control: an update writes a new row version and marks the old one as expired, so readers see a consistent snapshot and never block writers. Old versions that no transaction can see any more become dead tuples that take space and slow scans. VACUUM, usually run by autovacuum, reclaims dead tuples for reuse and updates the visibility map, and it also freezes old transaction IDs to prevent wraparound. Long-running transactions hold back cleanup and cause bloat, so they should be avoided.',
        keyPoints: [
          'updates create new row versions',
          'readers see a snapshot and do not block writers',
          'dead tuples cause bloat',
          'VACUUM or autovacuum reclaims space and prevents wraparound',
          'long transactions block cleanup',
        ],
      },
    ],
  },
  {
    skill: 'MySQL',
    aliases: ['mariadb', 'innodb'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What storage engine does MySQL use by default, and why does it matter?',
        gold: 'Modern MySQL uses InnoDB by default. InnoDB supports transactions with commit and rollback, row-level locking and foreign keys, and it recovers after a crash using its redo log. The older MyISAM engine has none of these and locks whole tables on writes, so it is unsuitable for most applications. InnoDB also stores rows clustered by primary key.',
        keyPoints: [
          'InnoDB is the default engine',
          'supports transactions and row-level locking',
          'foreign keys and crash recovery',
          'MyISAM lacks transactions and locks whole tables',
        ],
      },
      {
        difficulty: 'medium',
        text: "How does InnoDB's clustered index affect the way you design primary keys?",
        gold: 'InnoDB stores table rows in the leaf pages of the primary key B-tree, so the primary key determines the physical order of data. Secondary indexes store the primary key value instead of a row pointer, which means a long primary key makes every secondary index larger and lookups through a secondary index need a second search. Sequential keys such as auto-increment integers append to the end of the tree, while random UUIDs cause page splits and fragmentation. Short, ever-increasing keys or time-ordered UUIDs are therefore preferred.',
        keyPoints: [
          'rows are stored in primary key order',
          'secondary indexes contain the primary key',
          'long keys enlarge every index',
          'random UUIDs cause page splits while sequential keys append',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you set up MySQL replication for read scaling and what problems should you expect?',
        gold: "A primary server writes changes to its binary log, and replicas read and apply them, so read queries can be spread across replicas. Replication is usually asynchronous, so replicas lag behind and a read right after a write may return stale data; routing such reads to the primary or waiting for the replica's position solves it. Semi-synchronous replication reduces data loss on failover at the cost of write latency. Failover needs tooling such as an orchestrator or a managed service to promote a replica safely, and GTIDs make it easier to reposition replicas.",
        keyPoints: [
          'binary log replicated to replicas',
          'read queries spread across replicas',
          'asynchronous replication lag causes stale reads',
          'semi-synchronous replication reduces data loss',
          'failover tooling and GTIDs',
        ],
      },
    ],
  },
  {
    skill: 'MongoDB',
    aliases: ['mongo', 'mongoose', 'nosql', 'document database'],
    questions: [
      {
        difficulty: 'easy',
        text: 'How does a document database like MongoDB differ from a relational database?',
        gold: 'MongoDB stores data as JSON-like BSON documents grouped in collections, and documents in a collection do not need an identical schema. Related data is often embedded inside one document rather than spread over joined tables, so a common read can fetch everything in one query. It scales horizontally with sharding and offers replica sets for availability. Relational databases enforce a fixed schema and relationships with joins and foreign keys, which suits highly connected data.',
        keyPoints: [
          'stores BSON documents in collections',
          'documents do not need an identical schema',
          'embed related data instead of joins',
          'horizontal scaling with sharding',
          'relational databases use fixed schemas and joins',
        ],
      },
      {
        difficulty: 'medium',
        text: 'When would you embed documents and when would you reference them in MongoDB?',
        gold: "Embed data that is read together with its parent and belongs to it, such as the line items of an order, because one read returns everything and updates to one document are atomic. Reference data with its own identity that is shared by many parents or grows without bound, such as a user's comments across many posts, because documents are limited to 16 MB and unbounded arrays hurt performance. Design the schema around the application's query patterns rather than around normalisation.",
        keyPoints: [
          'embed data read together with the parent',
          'single-document updates are atomic',
          'reference shared or unbounded data',
          '16 MB document limit',
          'design around query patterns',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do you choose a shard key in MongoDB, and what happens if you choose badly?',
        gold: 'The shard key decides how documents are distributed across shards, so it needs high cardinality, an even spread of writes and alignment with the most common queries. A monotonically increasing key such as a timestamp sends all inserts to one shard, creating a hot spot, while a hashed key spreads writes but turns range queries into scatter-gather queries across all shards. Queries that include the shard key are routed to one shard, and those that do not hit every shard. The key can be refined or resharded in recent versions, but that is expensive, so it should be chosen from real access patterns.',
        keyPoints: [
          'high cardinality and even write distribution',
          'monotonic keys create a hot shard',
          'hashed keys spread writes but hurt range queries',
          'queries without the shard key hit every shard',
          'choose from real access patterns',
        ],
      },
    ],
  },
  {
    skill: 'Redis',
    aliases: ['redis cache', 'valkey'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Redis and what is it commonly used for?',
        gold: 'Redis is an in-memory key-value store that keeps data in RAM, which gives very low latency. It supports data structures such as strings, hashes, lists, sets and sorted sets, and keys can expire automatically with a time to live. It is commonly used as a cache in front of a database, for session storage, rate limiting, leaderboards with sorted sets and simple queues or pub/sub messaging. Persistence to disk is optional through snapshots or an append-only file.',
        keyPoints: [
          'in-memory key-value store with low latency',
          'data structures such as hashes lists and sorted sets',
          'keys can expire with a TTL',
          'used for caching sessions and rate limiting',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain the cache-aside pattern with Redis and how you keep the cache consistent.',
        gold: 'With cache-aside the application first reads from Redis, and on a miss it loads from the database, stores the result in Redis with a TTL and returns it. On writes the application updates the database and then deletes or updates the cached key, so the next read repopulates it. The TTL bounds how long stale data can survive if an invalidation is missed. To avoid a stampede when a hot key expires, use a lock or request coalescing so only one caller rebuilds the value, and add jitter to expiry times.',
        keyPoints: [
          'read from cache and load from the database on a miss',
          'set a TTL on cached values',
          'invalidate or update the key after writes',
          'prevent stampedes with locking and jittered expiry',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you implement a distributed rate limiter with Redis, and what are the pitfalls?',
        gold: 'A fixed-window limiter increments a counter per client and window with INCR and sets an expiry, which is simple but allows bursts at window edges. A sliding window using a sorted set of timestamps, or a token bucket, smooths the limit. The read, check and update must be atomic, so the logic runs in a Lua script or a MULTI transaction to avoid race conditions between application instances. Decide whether to fail open or closed when Redis is unavailable, and remember that replication lag and clock differences can make limits approximate.',
        keyPoints: [
          'fixed window counter with INCR and expiry',
          'sliding window or token bucket smooths bursts',
          'atomic updates with a Lua script',
          'decide fail open or closed when Redis is down',
        ],
      },
    ],
  },
  {
    skill: 'Elasticsearch',
    aliases: ['opensearch', 'elastic', 'elk'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is an inverted index and why does Elasticsearch use it?',
        gold: 'An inverted index maps each term to the list of documents that contain it, like the index at the back of a book. Text is passed through an analyzer that splits it into tokens and normalizes them, for example by lower-casing and stemming, before it is indexed. A search looks up the query terms in the index instead of scanning every document, which makes full-text search fast. Elasticsearch ranks matches by relevance, by default with BM25.',
        keyPoints: [
          'maps terms to the documents that contain them',
          'analyzers tokenize and normalize text',
          'search avoids scanning every document',
          'relevance ranking with BM25',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What is the difference between text and keyword fields in Elasticsearch mappings?',
        gold: 'A text field is analyzed into tokens, which supports full-text search with relevance scoring but not exact matching, sorting or aggregations on the whole value. A keyword field stores the exact value as a single term, which suits filters, sorting and aggregations on things like status codes, tags or IDs. Many fields are mapped as both with a multi-field, for example a text field with a keyword sub-field. Relying on dynamic mapping in production often produces the wrong types.',
        keyPoints: [
          'text fields are analyzed for full-text search',
          'keyword fields store exact values',
          'keyword for filters sorting and aggregations',
          'multi-fields map both',
          'dynamic mapping can produce wrong types',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you size shards and keep an Elasticsearch cluster healthy as data grows?',
        gold: 'Each index is split into primary shards with replicas, and too many small shards waste memory and slow the cluster while huge shards make recovery slow; tens of gigabytes per shard is a common target. Time-based data such as logs should use rollover and index lifecycle management to move old indices to cheaper tiers and delete them on schedule. Monitor heap usage, search and indexing latency, and unassigned shards. Use bulk indexing, a longer refresh interval for heavy ingestion, and replicas for both availability and read throughput.',
        keyPoints: [
          'too many small shards or huge shards cause problems',
          'rollover and index lifecycle management',
          'monitor heap and unassigned shards',
          'bulk indexing and refresh interval',
          'replicas for availability and reads',
        ],
      },
    ],
  },
];
