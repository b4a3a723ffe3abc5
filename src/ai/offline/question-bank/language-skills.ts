import type { SkillBankEntry } from './bank-types';

// General-purpose languages and mobile platforms.
export const LANGUAGE_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'Python',
    aliases: ['python3', 'py'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between a list and a tuple in Python?',
        gold: 'A list is mutable, so items can be added, removed or replaced after it is created, while a tuple is immutable once built. Because tuples cannot change, a tuple of hashable values can be used as a dictionary key or stored in a set, and lists cannot. Tuples suit fixed records such as coordinates or function return values, and lists suit collections that grow or change. Tuples are also slightly smaller and faster to create.',
        keyPoints: [
          'lists are mutable',
          'tuples are immutable',
          'tuples can be dictionary keys when hashable',
          'tuples for fixed records and lists for changing collections',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do generators work in Python and when would you use them?',
        gold: 'A generator is a function that uses yield to produce values one at a time; calling it returns an iterator, and execution pauses at each yield until the next value is requested. Because values are produced lazily, a generator can process large files or infinite sequences without holding everything in memory. Generator expressions give the same laziness in a compact syntax. They suit streaming pipelines, such as reading a log file line by line, filtering and aggregating, but a generator can only be iterated once.',
        keyPoints: [
          'yield produces values one at a time',
          'values produced lazily without holding everything in memory',
          'suits large files and streaming pipelines',
          'can be iterated only once',
        ],
      },
      {
        difficulty: 'hard',
        text: 'Explain the Global Interpreter Lock and how you would speed up a CPU-bound Python program.',
        gold: 'In CPython the Global Interpreter Lock lets only one thread execute Python bytecode at a time, so threads do not speed up CPU-bound work, although they still help with I/O-bound work because the lock is released while waiting. For CPU-bound code, use multiprocessing or a process pool so each process has its own interpreter and lock. Heavy numeric work can move into vectorized libraries such as NumPy, or into C extensions, Cython or Rust modules that release the lock. Profile first with cProfile to make sure the hot spot is really CPU.',
        keyPoints: [
          'GIL lets one thread run Python bytecode at a time',
          'threads still help I/O-bound work',
          'multiprocessing for CPU-bound work',
          'NumPy or native extensions release the GIL',
          'profile first',
        ],
      },
    ],
  },
  {
    skill: 'Java',
    aliases: ['java 8', 'java 11', 'java 17', 'java 21', 'jvm'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between an interface and an abstract class in Java?',
        gold: 'An abstract class can hold state in fields, constructors and a mix of implemented and abstract methods, and a class can extend only one of them. An interface defines a contract; since Java 8 it can include default and static methods but no instance state, and a class can implement many interfaces. Interfaces suit capabilities shared by unrelated classes, such as Comparable, while abstract classes suit a family of closely related classes that share code.',
        keyPoints: [
          'abstract class can hold state and constructors',
          'a class extends only one abstract class',
          'a class can implement many interfaces',
          'interfaces may have default methods but no instance state',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does garbage collection work in the JVM?',
        gold: 'The JVM frees objects that are no longer reachable from GC roots such as thread stacks and static fields, so developers do not free memory by hand. Most collectors are generational: new objects are allocated in the young generation, which is collected often because most objects die young, and survivors are promoted to the old generation. Collectors such as G1 and ZGC trade throughput for shorter pauses by doing much of their work concurrently. Memory leaks still happen when references are kept unintentionally, for example in static collections or caches.',
        keyPoints: [
          'unreachable objects from GC roots are collected',
          'generational young and old generation',
          'collectors such as G1 or ZGC reduce pauses',
          'leaks from references kept in caches or static collections',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you make a shared counter or cache thread-safe in Java, and what are the trade-offs?',
        gold: 'Access to shared mutable state must be synchronized so that updates are atomic and visible to other threads. For a counter, AtomicLong or LongAdder uses lock-free compare-and-swap and scales better than a synchronized method; LongAdder is best under heavy contention. For a cache, ConcurrentHashMap with computeIfAbsent gives fine-grained locking without blocking all readers. The volatile keyword guarantees visibility but not atomicity of compound actions like increment, and coarse locks are simpler but limit throughput and risk deadlocks when several locks are taken in different orders.',
        keyPoints: [
          'shared mutable state needs atomicity and visibility',
          'AtomicLong or LongAdder for counters',
          'ConcurrentHashMap with computeIfAbsent',
          'volatile gives visibility but not atomicity',
          'coarse locks limit throughput and risk deadlocks',
        ],
      },
    ],
  },
  {
    skill: 'Go',
    aliases: ['golang'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are goroutines and how do they differ from operating system threads?',
        gold: 'A goroutine is a function running concurrently under the Go runtime, started with the go keyword. Goroutines start with a small stack that grows as needed, so a program can run hundreds of thousands of them, whereas operating system threads have large fixed stacks and costly context switches. The runtime scheduler multiplexes many goroutines onto a few OS threads. Goroutines communicate through channels or shared memory guarded by mutexes from the sync package.',
        keyPoints: [
          'started with the go keyword',
          'small growable stacks make goroutines cheap',
          'runtime scheduler multiplexes them onto OS threads',
          'communicate through channels or mutexes',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does error handling work in Go, and how do you add context to errors?',
        gold: 'Go functions return an error as their last value, and the caller checks it explicitly rather than relying on exceptions. Errors are wrapped with fmt.Errorf and the %w verb to add context while keeping the original error, and errors.Is and errors.As inspect the chain for a sentinel value or a specific type. Panic is reserved for truly unrecoverable situations such as programmer bugs. Explicit checks make every failure path visible in the code.',
        keyPoints: [
          'errors are returned as values and checked explicitly',
          'wrap errors with fmt.Errorf and %w',
          'errors.Is and errors.As inspect the chain',
          'panic only for unrecoverable bugs',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you stop goroutine leaks and cancel work in a Go service?',
        gold: 'Every goroutine needs a clear way to finish; a goroutine blocked forever on a channel send or receive is leaked along with its memory. Pass a context.Context through the call chain and select on ctx.Done() so work stops when a request is cancelled or times out, and use context.WithTimeout for outgoing calls. Close channels from the sending side to signal completion, and use sync.WaitGroup or errgroup to wait for workers and collect their errors. Tests can detect leaks with a goroutine leak checker, and runtime goroutine counts in metrics reveal them in production.',
        keyPoints: [
          'blocked goroutines leak memory',
          'pass context and select on ctx.Done',
          'context.WithTimeout for outgoing calls',
          'WaitGroup or errgroup to wait for workers',
          'monitor goroutine counts',
        ],
      },
    ],
  },
  {
    skill: 'C#',
    aliases: ['csharp', 'c sharp'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between a class and a struct in C#?',
        gold: 'A class is a reference type allocated on the heap, so assigning it copies the reference and both variables see the same object. A struct is a value type, so assignment copies the whole value and each copy is independent. Structs suit small, immutable values such as points or money amounts and avoid heap allocations, while classes suit entities with identity and larger state. Large or mutable structs cause surprising copies and should be avoided.',
        keyPoints: [
          'class is a reference type on the heap',
          'struct is a value type copied on assignment',
          'structs suit small immutable values',
          'classes for entities with identity',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do async and await work in C#?',
        gold: 'An async method returns a Task, and await suspends the method until that task completes without blocking the thread, which goes back to serve other work. The compiler turns the method into a state machine that resumes after the awaited operation. This is valuable for I/O such as database and HTTP calls, where threads would otherwise sit idle. Blocking on tasks with .Result or .Wait() can deadlock or starve the thread pool, so code should be async all the way and use ConfigureAwait(false) in libraries.',
        keyPoints: [
          'async methods return a Task',
          'await frees the thread instead of blocking',
          'compiler builds a state machine',
          'avoid blocking with .Result or .Wait',
          'async all the way',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How does LINQ deferred execution work, and what performance problems can it cause with Entity Framework?',
        gold: 'Most LINQ operators build a query that runs only when it is enumerated, for example by foreach, ToList or Count, so enumerating twice executes it twice. With Entity Framework an IQueryable is translated into SQL, so filters applied before materializing run in the database, while calling ToList too early pulls whole tables into memory. Lazy loading of navigation properties inside a loop causes N+1 queries, which Include or projections avoid. AsNoTracking speeds up read-only queries by skipping change tracking.',
        keyPoints: [
          'queries run only when enumerated',
          'IQueryable is translated to SQL',
          'calling ToList early loads too much data',
          'N+1 queries from lazy loading solved with Include or projection',
          'AsNoTracking for read-only queries',
        ],
      },
    ],
  },
  {
    skill: 'C++',
    aliases: ['cpp', 'c plus plus'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between a pointer and a reference in C++?',
        gold: 'A pointer is a variable holding an address; it can be null, can be reassigned to point elsewhere and is dereferenced with * or ->. A reference is an alias for an existing object; it must be initialised when declared, cannot be reseated and cannot be null in correct code. References are preferred for function parameters that must refer to a valid object, while pointers suit optional values or when the target changes. Modern code uses smart pointers instead of raw owning pointers.',
        keyPoints: [
          'pointer holds an address and can be null',
          'reference is an alias that cannot be reseated',
          'references for parameters that must be valid',
          'smart pointers instead of raw owning pointers',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain RAII and smart pointers in C++.',
        gold: "RAII ties a resource's lifetime to an object's lifetime: the constructor acquires the resource and the destructor releases it, so cleanup happens automatically when the object goes out of scope, even when an exception is thrown. std::unique_ptr expresses sole ownership and cannot be copied, only moved. std::shared_ptr shares ownership through a reference count, and std::weak_ptr observes a shared object without keeping it alive, which breaks reference cycles. The same idea applies to files, locks and sockets.",
        keyPoints: [
          'resource lifetime bound to object lifetime',
          'destructor releases the resource even on exceptions',
          'unique_ptr for sole ownership',
          'shared_ptr reference counting and weak_ptr to break cycles',
        ],
      },
      {
        difficulty: 'hard',
        text: 'What are move semantics in C++ and why do they matter for performance?',
        gold: 'Move semantics let an object transfer its resources, such as a heap buffer, to another object instead of copying them. An rvalue reference binds to temporaries, and a move constructor or move assignment operator steals the internal pointer and leaves the source in a valid but unspecified state. std::move casts an lvalue to an rvalue to allow moving, and containers like std::vector move elements when they grow if the move constructor is noexcept. This avoids expensive deep copies when returning or passing large objects.',
        keyPoints: [
          'transfer resources instead of copying',
          'rvalue references bind to temporaries',
          'move constructor leaves the source valid but unspecified',
          'std::move casts to an rvalue',
          'noexcept moves let containers avoid copies',
        ],
      },
    ],
  },
  {
    skill: 'Rust',
    aliases: ['rust lang'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is ownership in Rust?',
        gold: 'Every value in Rust has a single owner, and the value is dropped when its owner goes out of scope. Assigning or passing a value moves ownership, so the old variable can no longer be used unless the type implements Copy. Borrowing lends access through references without transferring ownership. These rules let the compiler guarantee memory safety without a garbage collector.',
        keyPoints: [
          'each value has one owner',
          'value is dropped when the owner goes out of scope',
          'assignment moves ownership',
          'borrowing through references',
          'memory safety without a garbage collector',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain borrowing and lifetimes in Rust.',
        gold: 'A reference borrows a value without owning it, and at any moment you can have either many shared references or exactly one mutable reference, which prevents data races at compile time. The borrow checker ensures references never outlive the data they point to. Lifetimes are annotations that describe how long references are valid relative to each other; the compiler infers most of them, and explicit annotations are needed when a function returns a reference tied to one of its inputs.',
        keyPoints: [
          'many shared references or one mutable reference',
          'prevents data races at compile time',
          'references cannot outlive their data',
          'lifetime annotations relate reference validity',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How does Rust achieve safe concurrency, and what are Send and Sync?',
        gold: 'Ownership and borrowing rules extend to threads: data moved into a thread belongs to it, and shared data must be wrapped in types that make sharing safe. Send marks types that can be transferred to another thread, and Sync marks types whose references can be shared between threads; the compiler derives them automatically and refuses to compile code that breaks them. Shared mutable state uses Arc for reference-counted sharing together with Mutex or RwLock, while channels pass messages between threads. Rc and RefCell are not thread-safe, so the compiler rejects them across threads.',
        keyPoints: [
          'ownership rules apply across threads',
          'Send allows moving to another thread',
          'Sync allows sharing references between threads',
          'Arc with Mutex for shared mutable state',
          'compiler rejects Rc across threads',
        ],
      },
    ],
  },
  {
    skill: 'Scala',
    aliases: ['scala 3', 'akka'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are case classes in Scala and why are they useful?',
        gold: 'A case class is a class meant to hold immutable data, and the compiler generates equals, hashCode, toString, a copy method and a companion apply method for it. Its fields are public and immutable by default, so instances compare by value. Case classes work naturally with pattern matching, which can deconstruct them into their fields. They are the usual way to model domain data and messages.',
        keyPoints: [
          'compiler generates equals hashCode toString and copy',
          'immutable fields compared by value',
          'work with pattern matching',
          'model domain data and messages',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do Option and pattern matching help avoid null errors in Scala?',
        gold: 'Option represents a value that may be absent, as Some(value) or None, instead of using null. The type forces callers to handle the missing case, using map, flatMap and getOrElse or a match expression. Pattern matching on Some and None, or on sealed trait hierarchies, lets the compiler warn when a case is not handled. Chaining with for-comprehensions keeps code readable when several optional values are combined.',
        keyPoints: [
          'Option is Some or None instead of null',
          'callers must handle the missing case',
          'map flatMap and getOrElse',
          'compiler warns on non-exhaustive matches for sealed types',
        ],
      },
      {
        difficulty: 'hard',
        text: 'Explain implicits or given instances and type classes in Scala.',
        gold: 'A type class describes behaviour for a type outside the type itself, for example an Encoder[A] that turns values of A into JSON. Instances are provided as given definitions in Scala 3 or implicit values in Scala 2, and the compiler resolves them at compile time from the local scope and companion objects. This gives ad-hoc polymorphism without inheritance and without changing the original types. Overusing implicits makes code hard to follow, so instances should live in predictable places.',
        keyPoints: [
          'type class defines behaviour outside the type',
          'given or implicit instances resolved at compile time',
          'ad-hoc polymorphism without inheritance',
          'keep instances in predictable places',
        ],
      },
    ],
  },
  {
    skill: 'Ruby on Rails',
    aliases: ['rails', 'ruby', 'ruby on rails', 'ror'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the MVC structure of a Ruby on Rails application?',
        gold: 'Rails splits an application into models, views and controllers. Models are Active Record classes that map to database tables and hold validations and business rules. Controllers receive a routed request, work with models and choose a response, and views render HTML or JSON from templates. Conventions over configuration, such as naming and folder layout, let Rails wire these parts together with little setup.',
        keyPoints: [
          'models map to database tables with Active Record',
          'controllers handle routed requests',
          'views render templates',
          'convention over configuration',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What is the N+1 query problem in Rails and how do you fix it?',
        gold: "The N+1 problem happens when code loads a list of records with one query and then runs another query for each record's association, for example reading the author of every post in a loop. It is fixed with eager loading through includes, preload or eager_load, which fetch the associations in one or two queries. Tools such as the Bullet gem or the query log help detect it. Counter caches avoid repeated count queries.",
        keyPoints: [
          'one query for the list plus one per record',
          'eager loading with includes or preload',
          'detect with Bullet or query logs',
          'counter caches for counts',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you scale a Rails application that is slowing down under load?',
        gold: 'Start by measuring with an APM tool to find slow endpoints and queries. Fix the database first with indexes, eager loading and fewer queries per request, then add caching with fragment, low-level or HTTP caching backed by Redis or Memcached. Move slow work such as e-mail, exports and third-party calls into background jobs with Sidekiq. Scale Puma workers and application servers horizontally behind a load balancer, and add read replicas when the database becomes the bottleneck.',
        keyPoints: [
          'measure with APM to find slow endpoints',
          'indexes and eager loading',
          'caching with Redis or Memcached',
          'background jobs with Sidekiq',
          'scale servers horizontally and add read replicas',
        ],
      },
    ],
  },
  {
    skill: 'Swift',
    aliases: ['ios', 'swiftui', 'uikit', 'ios development'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between a struct and a class in Swift?',
        gold: 'Structs are value types, so assigning or passing one copies it, while classes are reference types shared by every variable that points to them. Classes support inheritance and deinitializers and are managed by automatic reference counting, which structs do not need. Swift favours structs for models because copies are independent and thread-friendly. Use a class when identity, shared mutable state or Objective-C interoperability is needed.',
        keyPoints: [
          'structs are value types that are copied',
          'classes are reference types',
          'classes support inheritance and use reference counting',
          'prefer structs for models',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does memory management work in Swift, and how do you avoid retain cycles?',
        gold: 'Swift uses automatic reference counting: each strong reference to a class instance increments its count, and the instance is freed when the count reaches zero. Two objects that hold strong references to each other, or a closure that captures self while self holds the closure, form a retain cycle and are never freed. Cycles are broken with weak references, which become nil when the object goes away, or unowned references when the other object always outlives it. Closures use a capture list such as [weak self].',
        keyPoints: [
          'automatic reference counting frees objects at zero',
          'strong reference cycles leak memory',
          'weak or unowned references break cycles',
          'capture lists such as weak self in closures',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How does Swift concurrency with async/await and actors prevent data races?',
        gold: 'Async functions suspend at await points without blocking threads, and structured concurrency with async let and task groups ties child tasks to their parent so cancellation and errors propagate. An actor protects its mutable state by allowing only one task at a time to run its code, and callers from outside must await its methods. The main actor isolates UI code to the main thread. Sendable checking lets the compiler reject values that are unsafe to share between concurrent tasks.',
        keyPoints: [
          'async functions suspend without blocking threads',
          'structured concurrency with task groups propagates cancellation',
          'actors isolate mutable state',
          'MainActor for UI code',
          'Sendable checking',
        ],
      },
    ],
  },
  {
    skill: 'Kotlin',
    aliases: ['android', 'android development', 'kotlin coroutines', 'jetpack compose'],
    questions: [
      {
        difficulty: 'easy',
        text: 'How does Kotlin handle null safety?',
        gold: "Kotlin's type system separates nullable types, written with a question mark like String?, from non-nullable ones, and the compiler refuses to dereference a nullable value without a check. The safe call operator ?. returns null instead of throwing, and the Elvis operator ?: supplies a default. Smart casts treat a value as non-null after an explicit check. The !! operator forces a value and throws if it is null, so it should be rare.",
        keyPoints: [
          'nullable types are marked with a question mark',
          'compiler requires checks before use',
          'safe call and Elvis operators',
          'the !! operator throws on null and should be rare',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What are coroutines in Kotlin and how do they compare with threads?',
        gold: 'Coroutines are lightweight units of work that suspend at suspend functions without blocking the underlying thread, so thousands can run on a small thread pool. Dispatchers decide where they run, such as Dispatchers.IO for blocking I/O or Dispatchers.Main for Android UI work. Structured concurrency ties coroutines to a scope such as viewModelScope, so they are cancelled when the screen or component goes away. Flows extend the model to streams of values.',
        keyPoints: [
          'suspend without blocking threads',
          'lightweight compared with threads',
          'dispatchers choose where work runs',
          'structured concurrency cancels with the scope',
          'Flow for streams',
        ],
      },
      {
        difficulty: 'hard',
        text: "How do you design an Android app's architecture to survive configuration changes and process death?",
        gold: 'Keep UI state in a ViewModel, which survives configuration changes such as rotation, and expose it as StateFlow or LiveData that the UI observes. Data comes from a repository layer that combines local storage such as Room with network sources, so the app works offline and the database is the source of truth. Small pieces of UI state that must survive process death go into SavedStateHandle. Long-running work such as uploads belongs in WorkManager, not in an activity.',
        keyPoints: [
          'ViewModel survives configuration changes',
          'UI observes StateFlow or LiveData',
          'repository with Room as the source of truth',
          'SavedStateHandle for process death',
          'WorkManager for background work',
        ],
      },
    ],
  },
];
