import type { SkillBankEntry } from './bank-types';

// Front-end and web platform skills.
export const WEB_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'JavaScript',
    aliases: ['js', 'ecmascript', 'es6', 'es2015'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between `let`, `const` and `var` in JavaScript?',
        gold: '`var` is function-scoped and hoisted with an initial value of undefined, so it can be read before its declaration line. `let` and `const` are block-scoped and stay in the temporal dead zone until their declaration runs, so reading them earlier throws a ReferenceError. `const` prevents reassigning the binding, but an object or array it holds can still be mutated. Modern code uses `const` by default and `let` only when a variable must be reassigned.',
        keyPoints: [
          'var is function-scoped and hoisted',
          'let and const are block-scoped',
          'temporal dead zone before the declaration',
          'const prevents reassignment but objects can still be mutated',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain how the JavaScript event loop handles asynchronous code such as promises and timers.',
        gold: "JavaScript runs your code on a single thread with one call stack, and asynchronous work is handed to the host environment, which queues a callback when the work is ready. The event loop takes the next task from the task queue only when the call stack is empty. Promise callbacks go to the microtask queue, which is drained completely after each task, so a resolved promise's handler runs before a setTimeout callback with zero delay. Long synchronous code blocks the loop and delays rendering and every pending callback.",
        keyPoints: [
          'single thread with a call stack',
          'event loop runs queued callbacks when the stack is empty',
          'promise callbacks use the microtask queue before timers',
          'long synchronous work blocks the event loop',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do closures work in JavaScript, and how can they cause memory leaks?',
        gold: 'A closure is a function together with the lexical scope it was created in, so it keeps access to outer variables after the outer function has returned. Closures enable private state, factories and callbacks that remember their context. Because the captured scope stays reachable as long as the function is reachable, a long-lived closure such as an event listener, a timer or a cache entry keeps every variable it references alive, including large objects or DOM nodes. Leaks are avoided by removing listeners and clearing timers when they are no longer needed, and by not capturing large structures the function does not use.',
        keyPoints: [
          'function keeps access to its lexical scope after the outer function returns',
          'closures give private state and callbacks',
          'captured variables stay in memory while the closure is reachable',
          'remove listeners and clear timers to release memory',
        ],
      },
    ],
  },
  {
    skill: 'TypeScript',
    aliases: ['ts'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What problems does TypeScript solve compared with plain JavaScript?',
        gold: 'TypeScript adds a static type system on top of JavaScript, so mistakes such as wrong property names, missing arguments or access to possibly null values are caught at compile time instead of in production. Types document intent and power editor features like autocompletion and safe refactoring. The compiler erases the types and emits plain JavaScript, so there is no runtime cost, and existing JavaScript libraries keep working through declaration files.',
        keyPoints: [
          'static types catch errors at compile time',
          'types improve editor tooling and refactoring',
          'types are erased and compile to plain JavaScript',
          'declaration files describe existing libraries',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain the difference between `interface` and `type` aliases in TypeScript, and when you would use generics.',
        gold: 'Both can describe object shapes, but interfaces can be extended and merged through declaration merging, which suits public contracts and library APIs. Type aliases can name any type, including unions, intersections, tuples and mapped or conditional types, which interfaces cannot express. Generics let a function or type work over many types while keeping the relationship between input and output, for example a function that returns the first element of an array of T as a T. Constraints such as `T extends { id: string }` limit which types a generic accepts.',
        keyPoints: [
          'interfaces support extension and declaration merging',
          'type aliases can express unions and mapped types',
          'generics keep the relationship between input and output types',
          'generic constraints with extends',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How does TypeScript narrow types, and how would you model a value that can be in several states safely?',
        gold: "Narrowing refines a union type inside a branch using checks the compiler understands: typeof, instanceof, the in operator, equality checks and user-defined type guards. The safest way to model states is a discriminated union in which each variant carries a literal tag, for example a status field that is 'loading', 'success' or 'error'. A switch over the tag narrows each branch to its variant, and assigning the leftover value to `never` in the default branch makes the compiler report any state that is not handled. This rules out invalid combinations such as having data and an error at the same time.",
        keyPoints: [
          'narrowing with typeof instanceof and type guards',
          'discriminated union with a literal tag',
          'compiler reports any state not handled via never',
          'invalid states cannot be represented',
        ],
      },
    ],
  },
  {
    skill: 'Node.js',
    aliases: ['node', 'nodejs', 'node js'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Node.js and why is it suited to I/O-heavy servers?',
        gold: 'Node.js is a JavaScript runtime built on the V8 engine that runs JavaScript outside the browser. It uses a single-threaded event loop with non-blocking I/O provided by libuv, so one process can serve many concurrent connections while it waits on the network or the disk. This suits APIs and real-time services that spend most of their time waiting on I/O. CPU-heavy work blocks the event loop, so it belongs in worker threads or a separate service.',
        keyPoints: [
          'JavaScript runtime built on V8',
          'event loop with non-blocking I/O',
          'handles many concurrent connections',
          'CPU-heavy work blocks the event loop',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you handle errors in asynchronous Node.js code?',
        gold: "With async and await, wrap awaited calls in try/catch where you can act on the failure, or let errors propagate to a central handler such as the framework's error middleware. Every promise must be awaited or given a catch handler, because an unhandled rejection terminates the process in current Node.js versions. Operational errors such as a failed network call should be handled, retried or reported with context, while programmer errors usually mean the process should crash and be restarted by a supervisor. Streams and event emitters report failures through an error event that needs a listener.",
        keyPoints: [
          'try/catch around await',
          'unhandled promise rejections crash the process',
          'separate operational errors from programmer errors',
          'listen for error events on streams and emitters',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you diagnose a memory leak or high event-loop latency in a production Node.js service?',
        gold: 'First confirm the symptom with metrics: heap usage that keeps growing after garbage collection points to a leak, while event-loop lag points to blocking work. For a leak, take heap snapshots some minutes apart and compare which objects are retained; common causes are unbounded caches, listeners that are never removed and closures holding large objects. For latency, record a CPU profile or flame graph to find synchronous hot spots such as parsing huge JSON payloads, slow regular expressions or synchronous crypto. Fixes include bounding caches, streaming large payloads and moving CPU work to worker threads.',
        keyPoints: [
          'measure heap growth and event loop lag',
          'compare heap snapshots to find retained objects',
          'unbounded caches and forgotten listeners cause leaks',
          'CPU profile or flame graph for blocking code',
          'move CPU work to worker threads',
        ],
      },
    ],
  },
  {
    skill: 'React',
    aliases: ['reactjs', 'react js'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between props and state in React?',
        gold: 'Props are inputs passed from a parent component and are read-only inside the child. State is data a component owns and changes over time, updated through the setter returned by useState or through a reducer. Changing state or receiving new props makes React re-render the component. Data flows down through props, and children report changes up by calling callbacks their parent passed as props.',
        keyPoints: [
          'props are passed from the parent and read-only',
          'state is owned by the component and changes over time',
          'state or prop changes trigger a re-render',
          'data flows down and changes flow up through callbacks',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain how the useEffect hook works and common mistakes when using it.',
        gold: 'useEffect runs a side effect after React has committed a render, such as subscribing to a data source or syncing with a browser API. The dependency array controls when it runs again: an empty array runs it once after mount, and listed values re-run it whenever they change. The function it returns is a cleanup that runs before the next run and on unmount, used to unsubscribe or cancel requests. Common mistakes are missing dependencies that leave stale values, objects recreated on every render that make the effect run constantly, and using an effect for values that could simply be computed during rendering.',
        keyPoints: [
          'runs side effects after render',
          'dependency array controls when it runs again',
          'cleanup function on unmount or before the next run',
          'stale values from missing dependencies',
        ],
      },
      {
        difficulty: 'hard',
        text: 'A React page re-renders slowly when a list of thousands of items updates. How do you find and fix the problem?',
        gold: 'Start with the React DevTools Profiler to see which components render, how often and why. Typical fixes are giving list items stable keys, wrapping expensive children in React.memo and keeping the props they receive stable with useMemo and useCallback, and moving state closer to where it is used so unrelated parts of the tree stop re-rendering. For thousands of rows, virtualize the list so only the visible rows are mounted. Expensive calculations can be memoized or deferred with useDeferredValue or startTransition so typing stays responsive.',
        keyPoints: [
          'profile with React DevTools to find re-renders',
          'stable keys and React.memo',
          'useMemo and useCallback keep props stable',
          'virtualize long lists',
          'move state closer to where it is used or defer work',
        ],
      },
    ],
  },
  {
    skill: 'Angular',
    aliases: ['angularjs', 'angular 2'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are components, services and dependency injection in Angular?',
        gold: "A component combines a TypeScript class with a template and styles and controls one part of the screen. Services are classes that hold shared logic, state or data access. Angular's dependency injection creates services and passes them to the components and other services that declare them in their constructor or with inject(). Keeping business logic in services keeps components small and makes both easy to test with substitutes.",
        keyPoints: [
          'component is a class with a template',
          'services hold shared logic',
          'dependency injection provides services',
          'logic in services makes components easy to test',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does change detection work in Angular, and what does the OnPush strategy change?',
        gold: 'Change detection compares template bindings with current component values and updates the DOM; traditionally Zone.js triggers it after events, timers and HTTP calls. With the default strategy every component in the tree is checked on each cycle. OnPush makes Angular check a component only when an input reference changes, an event fires inside it, an async pipe emits or it is marked for check. It rewards immutable data and observables, and signals give even finer-grained updates.',
        keyPoints: [
          'change detection updates the DOM from component state',
          'Zone.js triggers detection after async events',
          'OnPush checks only when input references change',
          'immutable data with observables or signals',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you manage state and avoid subscription leaks with RxJS in a large Angular application?',
        gold: 'Share state through services that expose observables or signals, and introduce a store such as NgRx when many features need the same data and a traceable history of actions. Subscriptions made in components must end when the component is destroyed, using the async pipe, takeUntilDestroyed or an explicit unsubscribe. The flattening operator matters: switchMap cancels the previous request, which suits search boxes, concatMap keeps order and mergeMap runs requests in parallel. shareReplay lets several subscribers share one HTTP call.',
        keyPoints: [
          'services or a store such as NgRx for shared state',
          'unsubscribe with the async pipe or takeUntilDestroyed',
          'switchMap cancels previous requests',
          'shareReplay shares results between subscribers',
        ],
      },
    ],
  },
  {
    skill: 'Vue.js',
    aliases: ['vue', 'vuejs', 'vue 3', 'nuxt'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between computed properties and methods in Vue?',
        gold: 'A computed property is derived from reactive state and cached, so it recalculates only when one of its reactive dependencies changes. A method runs every time it is called, including on each re-render when it is used in the template. Computed properties suit derived values such as filtered lists or totals, while methods suit actions like event handlers. Watchers are a third tool, for running side effects when a value changes.',
        keyPoints: [
          'computed properties are cached',
          'recalculated only when reactive dependencies change',
          'methods run on every call',
          'watchers for side effects',
        ],
      },
      {
        difficulty: 'medium',
        text: "Explain Vue's reactivity system and the Composition API.",
        gold: "Vue 3 wraps state in proxies created by reactive() or ref(); reading a property during rendering records it as a dependency, and writing it triggers the effects that depend on it. The Composition API organizes a component's logic in a setup function or a script setup block, grouping code by feature instead of by option type. Logic can be extracted into composables, plain functions that use ref, computed and watch and can be shared between components. It also gives better TypeScript inference than the Options API.",
        keyPoints: [
          'reactivity based on proxies with ref and reactive',
          'dependency tracking triggers updates',
          'setup groups logic by feature',
          'composables share reusable logic',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you structure state management and performance for a large Vue application?',
        gold: 'Local state stays in components, and shared state goes into Pinia stores split by domain, with getters for derived data and actions for updates and API calls. Lazy-loaded route components split the code so the initial bundle stays small. For rendering performance, use keys on v-for lists, v-memo or v-once for parts that rarely change, shallowRef for large objects that do not need deep reactivity, and virtual scrolling for long lists. Server-side rendering with Nuxt helps first paint and search indexing when that matters.',
        keyPoints: [
          'Pinia stores split by domain',
          'lazy loaded routes and code splitting',
          'shallowRef or v-memo to limit reactivity cost',
          'virtual scrolling for long lists',
        ],
      },
    ],
  },
  {
    skill: 'HTML',
    aliases: ['html5', 'semantic html'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is semantic HTML and why does it matter?',
        gold: 'Semantic HTML uses elements that describe the meaning of content, such as header, nav, main, article, button and label, instead of generic div and span elements. Screen readers and other assistive technologies rely on these elements to announce structure and let users jump between regions, so semantics are central to accessibility. Search engines also use them to understand a page, and the markup is easier to read and maintain. Native elements such as button come with keyboard support for free.',
        keyPoints: [
          'elements describe meaning such as nav main and article',
          'screen readers rely on semantic structure',
          'helps search engines understand the page',
          'native elements provide keyboard support',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you make an HTML form accessible and robust?',
        gold: 'Every input needs a visible label connected with the for attribute or by nesting, and related controls can be grouped with fieldset and legend. Use fitting input types such as email, number and date, plus attributes like required and autocomplete, so browsers can help users. Error messages should be text linked to the field with aria-describedby rather than colour alone, and the whole form must work with a keyboard. Client-side validation improves the experience, but the server must validate again because the browser checks can be bypassed.',
        keyPoints: [
          'labels linked to inputs',
          'fitting input types and autocomplete',
          'errors linked with aria-describedby not colour alone',
          'the whole form works with a keyboard',
          'server-side validation is still required',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How does the browser turn HTML and CSS into pixels, and what does that mean for performance?',
        gold: 'The browser parses HTML into the DOM and CSS into the CSSOM, combines them into a render tree, computes layout, then paints and composites layers. Synchronous scripts block parsing, so scripts should use defer or async and critical CSS should stay small. Writing layout properties from JavaScript and then reading sizes forces a synchronous layout, and doing that in a loop causes layout thrashing. Animating transform and opacity lets the compositor work without new layout or paint, and images need explicit dimensions to avoid layout shifts.',
        keyPoints: [
          'DOM and CSSOM form the render tree',
          'layout paint and composite steps',
          'defer or async scripts so parsing is not blocked',
          'layout thrashing from interleaved reads and writes',
          'animate transform and opacity',
        ],
      },
    ],
  },
  {
    skill: 'CSS',
    aliases: ['css3', 'scss', 'sass', 'tailwind'],
    questions: [
      {
        difficulty: 'easy',
        text: 'Explain the CSS box model.',
        gold: 'Every element is rendered as a rectangular box made of content, padding, border and margin, from the inside out. By default width and height apply to the content only, so padding and border add to the final size. Setting box-sizing to border-box makes the width include padding and border, which makes layouts easier to reason about. Vertical margins between block elements can collapse into a single margin.',
        keyPoints: [
          'content padding border and margin',
          'width applies to the content by default',
          'box-sizing border-box includes padding and border',
          'vertical margins can collapse',
        ],
      },
      {
        difficulty: 'medium',
        text: 'When would you use Flexbox and when CSS Grid?',
        gold: 'Flexbox is a one-dimensional layout model that arranges items along a row or a column, which is ideal for toolbars, navigation and aligning items inside a component. Grid is two-dimensional and controls rows and columns together, which suits page layouts and card galleries. Grid can place items in named template areas and size tracks with fr units, while Flexbox sizes items from their content and their grow and shrink factors. The two are often combined: Grid for the overall layout and Flexbox inside each area.',
        keyPoints: [
          'Flexbox is one-dimensional along a row or column',
          'Grid is two-dimensional with rows and columns together',
          'Grid template areas and fr units',
          'the two are often combined',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do the cascade and specificity work in CSS, and how do you keep styles maintainable at scale?',
        gold: 'When several rules target the same element, the cascade compares origin and importance, then cascade layers, then specificity and finally source order. Specificity ranks ID selectors above class, attribute and pseudo-class selectors, which rank above element selectors; inline styles beat them all and !important overrides normal declarations. Large codebases stay maintainable by keeping specificity low and flat with a naming convention such as BEM, scoping styles with CSS modules or component styles, ordering code with @layer and sharing values through custom properties. !important is best kept for utility classes.',
        keyPoints: [
          'cascade compares importance layers specificity and source order',
          'ID beats class which beats element selectors',
          'low specificity with a convention such as BEM',
          'scoped styles or CSS modules',
          'custom properties share values',
        ],
      },
    ],
  },
  {
    skill: 'Next.js',
    aliases: ['nextjs', 'next'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What does Next.js add on top of React?',
        gold: 'Next.js is a React framework that adds file-based routing, server-side rendering and static generation, and build tooling with automatic code splitting. Pages can be rendered on the server for a fast first paint and good search indexing, pre-rendered at build time, or rendered in the browser. It also provides route handlers for backend endpoints, image optimization and middleware, so one project can hold the UI and a thin backend.',
        keyPoints: [
          'file-based routing',
          'server-side rendering and static generation',
          'faster first paint and better SEO',
          'route handlers for backend endpoints',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Explain server components and client components in the Next.js App Router.',
        gold: "In the App Router, components are server components by default: they render on the server, can fetch data directly and send no JavaScript of their own to the browser. Components that need state, effects or browser APIs are marked with the 'use client' directive and are hydrated in the browser. Server components can render client components and pass them serializable props, but client components cannot import server components directly. Keeping interactivity in small client components at the leaves keeps the bundle small.",
        keyPoints: [
          'server components are the default and render on the server',
          'server components ship no JavaScript',
          'use client for state and effects',
          'props passed to client components must be serializable',
          'keep client components small',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How do caching and revalidation work in Next.js, and how would you serve data that changes every few minutes?',
        gold: 'Next.js can cache rendered routes and fetch results on the server, so a page generated once is reused across requests. Time-based revalidation serves the cached version and regenerates it in the background once the interval has passed, which is incremental static regeneration. On-demand revalidation with revalidatePath or revalidateTag refreshes content right after a write. For data that changes every few minutes, a revalidate interval of a few minutes combined with on-demand revalidation on updates gives fast pages that are never stale for long, while per-user data should skip the cache and render dynamically.',
        keyPoints: [
          'cached routes and fetch results',
          'time-based revalidation regenerates in the background',
          'on-demand revalidation with revalidatePath or revalidateTag',
          'dynamic rendering for per-user data',
        ],
      },
    ],
  },
  {
    skill: 'PHP',
    aliases: ['php8', 'laravel', 'symfony'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between == and === in PHP?',
        gold: "The == operator compares values after type juggling, so PHP may convert one operand before comparing, and '1' == 1 is true. The === operator requires the same type and the same value, so '1' === 1 is false. Loose comparison has caused surprising results and security bugs, for example when comparing hashes or checking the return value of strpos, so strict comparison is the safe default.",
        keyPoints: [
          '== compares after type juggling',
          '=== requires the same type and value',
          'loose comparison causes bugs',
          'strict comparison as the default',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you protect a PHP application against SQL injection and cross-site scripting?',
        gold: 'Use prepared statements with bound parameters through PDO or an ORM, so user input is never concatenated into SQL text. Escape output for the context it is written into, for example with htmlspecialchars for HTML, and prefer a template engine such as Twig or Blade that escapes by default. Validate the type and length of input on the server. A Content Security Policy adds a second layer of defence against injected scripts.',
        keyPoints: [
          'prepared statements with bound parameters',
          'input never concatenated into SQL',
          'escape output with htmlspecialchars or an escaping template engine',
          'validate input on the server',
          'content security policy',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you improve the performance of a slow PHP web application?',
        gold: 'Measure first with a profiler such as Xdebug or Blackfire and with application metrics, to find where the time actually goes. Make sure OPcache is enabled so scripts are not recompiled on every request, and size PHP-FPM worker pools to the available memory. Most time usually goes to the database, so fix N+1 queries, add the missing indexes and cache expensive results in Redis or Memcached. Slow work such as sending e-mail or building reports belongs in a queue processed by background workers.',
        keyPoints: [
          'measure first with a profiler',
          'enable OPcache',
          'fix N+1 queries and add indexes',
          'cache results in Redis or Memcached',
          'queue slow work for background workers',
        ],
      },
    ],
  },
];
