import type { SkillBankEntry } from './bank-types';

// Computer-science fundamentals and engineering practice.
export const ENGINEERING_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'Data Structures',
    aliases: ['data structure', 'dsa'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between an array and a linked list?',
        gold: 'An array stores elements in contiguous memory, so reading an element by index takes constant time and iteration is cache-friendly, but inserting or deleting in the middle requires shifting elements. A linked list stores nodes that point to the next node, so insertion and deletion at a known position take constant time, but finding an element by index requires walking the list in linear time. Linked lists also use extra memory for pointers and have poor cache locality.',
        keyPoints: [
          'arrays use contiguous memory with constant-time index access',
          'inserting into an array shifts elements',
          'linked list insertion at a known node is constant time',
          'linked list lookup by index is linear',
          'pointers cost memory and cache locality',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does a hash table work, and what affects its performance?',
        gold: 'A hash table applies a hash function to each key to choose a bucket in an array, giving average constant-time insert, lookup and delete. Collisions, when different keys land in the same bucket, are handled by chaining entries in a list or by open addressing to probe for another slot. As the load factor grows, collisions increase, so the table resizes and rehashes its entries. A poor hash function or adversarial keys can degrade operations to linear time.',
        keyPoints: [
          'hash function maps keys to buckets',
          'average constant-time operations',
          'collisions handled by chaining or open addressing',
          'resize when the load factor grows',
          'poor hashing degrades to linear time',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you design an LRU cache with constant-time get and put?',
        gold: 'Combine a hash map with a doubly linked list. The map stores each key with a pointer to its node in the list, and the list keeps entries in order of use, with the most recently used at the head. On get, look up the node, move it to the head and return its value. On put, update or insert the node at the head, and when capacity is exceeded remove the tail node and delete its key from the map, all in constant time.',
        keyPoints: [
          'hash map from key to list node',
          'doubly linked list ordered by recent use',
          'move accessed node to the head',
          'evict the tail when capacity is exceeded',
          'all operations in constant time',
        ],
      },
    ],
  },
  {
    skill: 'Algorithms',
    aliases: [
      'algorithm',
      'algorithm design',
      'problem solving',
      'leetcode',
      'competitive programming',
    ],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Big O notation and why does it matter?',
        gold: 'Big O notation describes how the running time or memory of an algorithm grows as the input size grows, keeping only the dominant term and ignoring constants. For example, a single loop over n items is O(n), a nested loop over the same items is O(n squared), and binary search is O(log n). It lets you compare algorithms and predict whether a solution will still be fast on large inputs. Constants still matter in practice for small inputs.',
        keyPoints: [
          'describes growth of time or memory with input size',
          'ignores constants and keeps the dominant term',
          'examples such as O(n) O(log n) and O(n squared)',
          'predicts behaviour on large inputs',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does binary search work and what are its requirements?',
        gold: 'Binary search finds a target in a sorted collection by comparing it with the middle element and discarding the half that cannot contain it, repeating until the target is found or the range is empty. It takes O(log n) comparisons. The data must be sorted and support random access. Off-by-one errors in the boundary updates are the usual bug, and computing the midpoint as low plus half the distance avoids integer overflow.',
        keyPoints: [
          'requires sorted data with random access',
          'compare with the middle and discard half',
          'takes O(log n) comparisons',
          'careful boundary updates to avoid off-by-one errors',
        ],
      },
      {
        difficulty: 'hard',
        text: 'Explain dynamic programming and how you would recognise a problem that needs it.',
        gold: 'Dynamic programming solves a problem by combining solutions to overlapping subproblems, storing each result so it is computed only once. A problem fits when it has optimal substructure, meaning the best answer is built from best answers to smaller instances, and when a naive recursion recomputes the same subproblems. It can be written top-down with memoization or bottom-up by filling a table in dependency order. Examples include edit distance, knapsack and longest common subsequence, and defining the state and transition is the key step.',
        keyPoints: [
          'overlapping subproblems stored and reused',
          'optimal substructure',
          'top-down memoization or bottom-up table',
          'define the state and transition',
          'examples such as knapsack or edit distance',
        ],
      },
    ],
  },
  {
    skill: 'Software Testing',
    aliases: [
      'testing',
      'unit testing',
      'test automation',
      'qa',
      'quality assurance',
      'tdd',
      'jest',
      'pytest',
      'junit',
    ],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between unit tests, integration tests and end-to-end tests?',
        gold: 'Unit tests check a small piece of logic such as a function or class in isolation, run in milliseconds and pinpoint failures precisely. Integration tests check that components work together with real dependencies such as a database or message broker. End-to-end tests drive the whole system like a user would, giving the most confidence but running slowly and failing for more reasons. A healthy suite has many unit tests, a good number of integration tests and a few end-to-end tests.',
        keyPoints: [
          'unit tests check small pieces in isolation and run fast',
          'integration tests use real dependencies',
          'end-to-end tests exercise the whole system like a user',
          'many unit tests and few end-to-end tests',
        ],
      },
      {
        difficulty: 'medium',
        text: 'When should you use mocks in tests, and what are the risks of overusing them?',
        gold: 'Mocks and fakes replace slow, non-deterministic or external dependencies such as payment providers or the clock, so tests stay fast and repeatable. Overusing them couples tests to implementation details, so refactoring breaks tests even when behaviour is unchanged, and mocked behaviour can drift from the real dependency so tests pass while production fails. Prefer real implementations or in-memory fakes for your own code, mock only at system boundaries, and back mocks with contract or integration tests.',
        keyPoints: [
          'mocks replace slow or external dependencies',
          'overuse couples tests to implementation',
          'mocks can drift from real behaviour',
          'mock only at system boundaries',
          'contract or integration tests verify the real dependency',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you deal with a flaky test suite that slows down a team?',
        gold: 'Measure flakiness first by tracking which tests fail intermittently on unchanged code, then quarantine the worst offenders so they stop blocking merges while they are fixed. Common causes are shared state between tests, dependence on test order, real time and timers, unawaited asynchronous work, network calls and fixed sleeps instead of waiting for conditions. Fix them by isolating data per test, controlling the clock, awaiting conditions and removing external calls. Quarantined tests need owners and deadlines so they are not forgotten.',
        keyPoints: [
          'measure and track flaky tests',
          'quarantine so they do not block merges',
          'causes such as shared state timing and order dependence',
          'isolate test data and control time',
          'assign owners to fix quarantined tests',
        ],
      },
    ],
  },
  {
    skill: 'Object-Oriented Design',
    aliases: ['oop', 'object oriented programming', 'solid', 'design patterns'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are encapsulation, inheritance and polymorphism?',
        gold: "Encapsulation hides an object's internal state behind methods, so its data can only change in controlled ways. Inheritance lets a class reuse and extend the behaviour of a parent class. Polymorphism lets code work with objects of different classes through a shared interface, with each class providing its own implementation. Composition is often preferred over deep inheritance because it is more flexible.",
        keyPoints: [
          'encapsulation hides internal state behind methods',
          'inheritance reuses parent behaviour',
          'polymorphism through a shared interface',
          'prefer composition over deep inheritance',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain the SOLID principles briefly.',
        gold: 'Single responsibility means a class has one reason to change. Open-closed means code is open for extension but closed for modification, for example by adding new implementations of an interface. Liskov substitution requires subtypes to be usable wherever their base type is expected without breaking behaviour. Interface segregation prefers small focused interfaces, and dependency inversion makes high-level code depend on abstractions rather than concrete implementations.',
        keyPoints: [
          'single responsibility',
          'open for extension closed for modification',
          'subtypes substitutable for base types',
          'small focused interfaces',
          'depend on abstractions',
        ],
      },
      {
        difficulty: 'hard',
        text: 'When would you use the strategy pattern versus inheritance, and how does dependency injection help?',
        gold: 'The strategy pattern puts interchangeable algorithms behind a common interface and passes the chosen one to the object that uses it, so behaviour can change at runtime and new strategies are added without touching existing code. Inheritance fixes behaviour at compile time and leads to class explosions when several behaviours vary independently. Dependency injection supplies the strategy from outside, often via a container, which makes the choice configurable and lets tests substitute a fake. Examples include pricing rules, payment providers or storage back-ends.',
        keyPoints: [
          'strategies are interchangeable algorithms behind an interface',
          'behaviour can change at runtime',
          'inheritance leads to class explosion',
          'dependency injection supplies the strategy and eases testing',
        ],
      },
    ],
  },
  {
    skill: 'Concurrency',
    aliases: ['multithreading', 'parallel programming', 'multi-threading', 'threads'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between a process and a thread?',
        gold: 'A process is a running program with its own memory address space and resources, isolated from other processes by the operating system. Threads are units of execution inside a process that share its memory and open files, so they can communicate cheaply but can also corrupt shared data if access is not synchronized. Creating and switching threads is cheaper than processes, while processes give stronger isolation when one crashes.',
        keyPoints: [
          'process has its own memory address space',
          'threads share the memory of their process',
          'shared memory needs synchronization',
          'processes give stronger isolation',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What is a race condition and how do you prevent it?',
        gold: 'A race condition occurs when the result depends on the timing of concurrent operations on shared state, for example two threads both reading a counter and writing back an incremented value, losing one update. It is prevented by making the read-modify-write atomic with a lock, an atomic operation or a database constraint, or by avoiding shared mutable state altogether with immutability or message passing. Races are hard to reproduce, so they are best designed out rather than tested for.',
        keyPoints: [
          'result depends on timing of concurrent access',
          'lost updates on shared state',
          'locks or atomic operations',
          'avoid shared mutable state with immutability or message passing',
        ],
      },
      {
        difficulty: 'hard',
        text: 'What is a deadlock, and how do you prevent or detect one?',
        gold: "A deadlock occurs when threads each hold a resource and wait for one another's resources, so none can proceed. It requires mutual exclusion, hold and wait, no preemption and a circular wait. The most practical prevention is acquiring locks in one global order, which removes circular waits, together with holding locks briefly and using timeouts with tryLock. Databases detect deadlocks and abort one transaction, so applications must be ready to retry.",
        keyPoints: [
          "threads wait for each other's resources",
          'requires mutual exclusion hold and wait no preemption and circular wait',
          'acquire locks in a consistent order',
          'hold locks briefly and use timeouts',
          'databases abort one transaction so retry',
        ],
      },
    ],
  },
];
