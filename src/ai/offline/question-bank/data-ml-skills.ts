import type { SkillBankEntry } from './bank-types';

// Machine learning, analytics and data engineering.
export const DATA_ML_SKILLS: readonly SkillBankEntry[] = [
  {
    skill: 'Machine Learning',
    aliases: ['ml', 'scikit-learn', 'sklearn', 'predictive modeling', 'data science'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between supervised and unsupervised learning?',
        gold: 'Supervised learning trains a model on labelled examples, where each input has a known target, to predict labels for new data; classification and regression are the main tasks. Unsupervised learning works with unlabelled data and finds structure on its own, for example clustering customers or reducing dimensionality. Semi-supervised and self-supervised approaches sit in between when labels are scarce.',
        keyPoints: [
          'supervised learning uses labelled examples',
          'classification and regression',
          'unsupervised learning finds structure without labels',
          'clustering and dimensionality reduction',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What is overfitting and how do you prevent it?',
        gold: 'Overfitting happens when a model learns noise and details of the training data, so it scores well on training data but poorly on new data. It shows up as a gap between training and validation performance. Remedies include more training data, simpler models, regularization such as L1 or L2 penalties or dropout, early stopping, and cross-validation to choose hyperparameters. The final evaluation must use a held-out test set the model never influenced.',
        keyPoints: [
          'model learns noise and fails to generalize',
          'gap between training and validation performance',
          'regularization and simpler models',
          'cross-validation and early stopping',
          'held-out test set',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you evaluate a classifier for a highly imbalanced problem such as fraud detection?',
        gold: 'Accuracy is misleading when positives are rare, because predicting the majority class scores highly. Use precision, recall, their F1 combination and the precision-recall curve, and choose a decision threshold based on the business cost of false positives versus false negatives. Split data by time to avoid leakage from the future, and use stratified sampling so every fold contains positives. Class weights or resampling can help training, and the model must be monitored after release because fraud patterns drift.',
        keyPoints: [
          'accuracy is misleading for rare positives',
          'precision recall and PR curve',
          'threshold chosen by the cost of errors',
          'time-based splits to avoid leakage',
          'class weights or resampling and drift monitoring',
        ],
      },
    ],
  },
  {
    skill: 'Deep Learning',
    aliases: ['neural networks', 'deep neural networks', 'computer vision', 'nlp', 'transformers'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is a neural network and how is it trained?',
        gold: 'A neural network is a stack of layers of weighted connections with non-linear activation functions that maps inputs to outputs. Training feeds examples forward, measures the error with a loss function, and uses backpropagation to compute the gradient of the loss with respect to every weight. An optimizer such as stochastic gradient descent or Adam then adjusts the weights in small steps, repeated over many batches and epochs.',
        keyPoints: [
          'layers of weights with non-linear activations',
          'loss function measures error',
          'backpropagation computes gradients',
          'optimizer such as SGD or Adam updates weights',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Why do deep networks suffer from vanishing or exploding gradients, and how is this addressed?',
        gold: 'Backpropagation multiplies gradients through every layer, so in deep networks they can shrink towards zero, stopping early layers from learning, or grow until training diverges. Activation functions like ReLU avoid the saturation of sigmoid and tanh. Careful weight initialization, normalization layers such as batch or layer normalization, and residual connections keep gradients in a healthy range. Gradient clipping limits exploding gradients, especially in recurrent networks.',
        keyPoints: [
          'gradients multiply through layers and shrink or grow',
          'ReLU avoids saturation',
          'careful initialization and normalization layers',
          'residual connections',
          'gradient clipping',
        ],
      },
      {
        difficulty: 'hard',
        text: 'Explain how the attention mechanism in transformers works.',
        gold: 'Attention lets each token build its representation from all other tokens, weighted by relevance. Each token is projected into a query, a key and a value; the dot products of its query with every key, scaled and passed through softmax, give weights that average the values. Multi-head attention runs several of these in parallel to capture different relationships, and positional encodings supply word order, which attention itself ignores. Unlike recurrent networks, all positions are processed in parallel, although cost grows quadratically with sequence length.',
        keyPoints: [
          'queries keys and values',
          'scaled dot products with softmax give weights',
          'multi-head attention',
          'positional encodings supply order',
          'parallel processing with quadratic cost in sequence length',
        ],
      },
    ],
  },
  {
    skill: 'TensorFlow',
    aliases: ['tensorflow 2', 'keras', 'tf'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Keras and how does it relate to TensorFlow?',
        gold: 'Keras is the high-level API included in TensorFlow for building and training models. You define a model from layers with the Sequential or functional API, compile it with an optimizer, loss and metrics, and train it with fit. Under the hood TensorFlow handles tensors, automatic differentiation and execution on CPUs, GPUs or TPUs. Lower-level control is available with GradientTape and custom training loops.',
        keyPoints: [
          'Keras is the high-level API',
          'build models from layers',
          'compile with optimizer loss and metrics then fit',
          'TensorFlow handles tensors and hardware',
          'GradientTape for custom training',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you build an efficient input pipeline with tf.data?',
        gold: 'tf.data builds pipelines that read, transform and batch data as a stream, so the model does not wait on input. Use map with parallel calls for preprocessing, batch to group examples, shuffle with a buffer for randomness, cache for small datasets and prefetch so the next batch is prepared while the current one trains. Storing data in TFRecord files allows fast sequential reads. Profiling shows whether the GPU is starved by the input pipeline.',
        keyPoints: [
          'stream data without making the model wait',
          'parallel map for preprocessing',
          'shuffle batch cache and prefetch',
          'TFRecord files for fast reads',
          'profiling shows whether the input pipeline starves the GPU',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you deploy a TensorFlow model to production and keep it reliable?',
        gold: 'Export the trained model as a SavedModel, which holds the graph, weights and serving signatures, and serve it with TensorFlow Serving, a managed service or TensorFlow Lite for mobile devices. Version models so you can roll back, and apply the same preprocessing at serving time as in training, ideally inside the model, to avoid training-serving skew. Monitor latency, errors and the distribution of inputs and predictions to spot data drift, and retrain on fresh data when performance degrades.',
        keyPoints: [
          'export as SavedModel',
          'serve with TensorFlow Serving or Lite',
          'version models for rollback',
          'same preprocessing to avoid training-serving skew',
          'monitor drift and retrain',
        ],
      },
    ],
  },
  {
    skill: 'PyTorch',
    aliases: ['torch', 'pytorch lightning'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is a tensor in PyTorch, and how does autograd work?',
        gold: 'A tensor is a multi-dimensional array, similar to a NumPy array, that can live on a CPU or a GPU. When a tensor has requires_grad set, PyTorch records the operations applied to it in a computation graph. Calling backward on a scalar loss walks that graph and fills the grad attribute of each parameter with its gradient. The graph is built dynamically on every forward pass, which makes debugging with ordinary Python easy.',
        keyPoints: [
          'tensor is a multi-dimensional array on CPU or GPU',
          'requires_grad records operations',
          'backward computes gradients into grad',
          'dynamic computation graph',
        ],
      },
      {
        difficulty: 'medium',
        text: 'Describe a typical PyTorch training loop.',
        gold: "For each batch from a DataLoader, move the data to the device, run the model's forward pass, compute the loss, call optimizer.zero_grad, then loss.backward to compute gradients and optimizer.step to update the weights. Call model.train before training and model.eval with torch.no_grad during validation, so dropout and batch normalization behave correctly and no gradients are stored. Track validation metrics each epoch and save checkpoints of the best model.",
        keyPoints: [
          'DataLoader provides batches',
          'forward pass and loss',
          'zero_grad backward and step',
          'model.eval and no_grad for validation',
          'save checkpoints',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you train a large PyTorch model faster across several GPUs?',
        gold: 'Use DistributedDataParallel, which runs one process per GPU, splits each batch across them and averages gradients with all-reduce, scaling better than DataParallel. Mixed precision training with autocast and a gradient scaler uses faster half-precision arithmetic and less memory. When a model does not fit on one GPU, fully sharded data parallel shards parameters, gradients and optimizer state, and gradient checkpointing trades compute for memory. Keep GPUs busy with enough DataLoader workers and pinned memory, and profile to find bottlenecks.',
        keyPoints: [
          'DistributedDataParallel with one process per GPU',
          'all-reduce averages gradients',
          'mixed precision with autocast',
          'FSDP or gradient checkpointing for large models',
          'DataLoader workers keep GPUs busy',
        ],
      },
    ],
  },
  {
    skill: 'pandas',
    aliases: ['python pandas', 'dataframes', 'numpy'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are Series and DataFrames in pandas?',
        gold: 'A Series is a one-dimensional labelled array of values with an index. A DataFrame is a two-dimensional table made of columns that are Series sharing the same index, and each column can have its own data type. DataFrames support selecting with loc by label and iloc by position, filtering with boolean masks and reading and writing formats such as CSV and Parquet.',
        keyPoints: [
          'Series is a one-dimensional labelled array',
          'DataFrame is a table of columns sharing an index',
          'loc by label and iloc by position',
          'boolean filtering',
          'reading CSV or Parquet',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do groupby and merge work in pandas?',
        gold: 'groupby splits a DataFrame into groups by one or more keys, applies an aggregation or transformation to each group, and combines the results, for example summing sales per region. agg allows several aggregations at once, and transform returns a result aligned with the original rows. merge joins two DataFrames on key columns like SQL, with inner, left, right or outer joins. Checking row counts after a merge catches unexpected duplicate keys.',
        keyPoints: [
          'groupby splits applies and combines',
          'aggregations with agg',
          'transform keeps the original shape',
          'merge joins on keys like SQL',
          'check row counts for duplicate keys',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you speed up pandas code that is too slow or uses too much memory?',
        gold: 'Replace row-by-row loops and apply calls with vectorized operations on whole columns, which run in optimized native code. Reduce memory by choosing smaller numeric types, using the category type for repeated strings and loading only the needed columns. Read large files in chunks or use a columnar format such as Parquet. When data no longer fits in memory, move to tools such as Polars, DuckDB, Dask or Spark.',
        keyPoints: [
          'vectorized column operations instead of loops and apply',
          'smaller dtypes and categoricals',
          'load only needed columns or read in chunks',
          'Parquet columnar format',
          'Polars DuckDB Dask or Spark for larger data',
        ],
      },
    ],
  },
  {
    skill: 'Apache Spark',
    aliases: ['spark', 'pyspark', 'databricks', 'spark sql'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is Apache Spark and why is it faster than MapReduce?',
        gold: 'Spark is a distributed engine for processing large datasets across a cluster, with APIs in Scala, Python, Java and SQL. It keeps intermediate data in memory between steps instead of writing it to disk after each stage like MapReduce. Transformations are lazy and build an execution plan that the optimizer can improve before any work runs. It supports batch processing, streaming, SQL and machine learning in one framework.',
        keyPoints: [
          'distributed processing across a cluster',
          'keeps intermediate data in memory',
          'lazy transformations build an optimized plan',
          'batch streaming SQL and machine learning',
        ],
      },
      {
        difficulty: 'medium',
        text: 'What is the difference between transformations and actions in Spark, and what causes a shuffle?',
        gold: 'Transformations such as select, filter and join define a new dataset lazily, while actions such as count, collect or write trigger the actual computation. Narrow transformations like filter work within a partition, while wide transformations like groupBy, distinct and most joins need data with the same key on the same executor, which causes a shuffle across the network. Shuffles are the most expensive part of many jobs, so reducing data before them and broadcasting small tables in joins improves performance.',
        keyPoints: [
          'transformations are lazy and actions trigger execution',
          'narrow transformations stay within a partition',
          'wide transformations cause a shuffle',
          'shuffles are expensive',
          'broadcast small tables in joins',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you handle data skew in a Spark job?',
        gold: 'Skew happens when a few keys hold most of the rows, so a few tasks run far longer than the others, visible in the Spark UI as tasks with much larger input. Adaptive query execution can split skewed partitions in joins automatically. Other fixes are broadcasting the smaller side of a join, salting hot keys by adding a random suffix and aggregating in two steps, or filtering and handling the hot keys separately. Repartitioning on a better key spreads the work more evenly.',
        keyPoints: [
          'few keys hold most of the rows',
          'stragglers visible in the Spark UI',
          'adaptive query execution splits skewed partitions',
          'broadcast joins',
          'salting hot keys and two-step aggregation',
        ],
      },
    ],
  },
  {
    skill: 'Hadoop',
    aliases: ['hdfs', 'mapreduce', 'hive', 'yarn'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What are the main components of Hadoop?',
        gold: 'Hadoop consists of HDFS, a distributed file system that splits files into large blocks replicated across nodes, YARN, which manages cluster resources and schedules jobs, and MapReduce, a programming model for batch processing. The NameNode keeps file system metadata while DataNodes store the blocks. Tools such as Hive add SQL on top of data stored in HDFS.',
        keyPoints: [
          'HDFS distributed file system with replicated blocks',
          'YARN manages resources and scheduling',
          'MapReduce batch processing',
          'NameNode metadata and DataNodes store blocks',
          'Hive for SQL',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How does MapReduce process data?',
        gold: 'In the map phase, tasks run in parallel on input splits, close to where the data is stored, and emit key-value pairs. The framework then shuffles and sorts these pairs so all values for a key reach the same reducer. In the reduce phase, each reducer aggregates the values for its keys and writes the output. A combiner can pre-aggregate map output locally to reduce the data sent across the network.',
        keyPoints: [
          'map tasks emit key-value pairs in parallel',
          'data locality',
          'shuffle and sort group values by key',
          'reducers aggregate per key',
          'combiner reduces network traffic',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How does HDFS achieve fault tolerance, and what are its limitations?',
        gold: 'HDFS replicates each block, three times by default, on different nodes and racks, and the NameNode re-replicates blocks when a DataNode stops sending heartbeats. The NameNode itself is a single point of failure unless high availability with a standby NameNode and journal nodes is configured. HDFS is designed for large files and sequential reads, so many small files overload NameNode memory, and it does not support random in-place updates. Object storage has replaced it in many cloud deployments.',
        keyPoints: [
          'blocks replicated across nodes and racks',
          'heartbeats trigger re-replication',
          'NameNode high availability with a standby',
          'many small files overload the NameNode',
          'no random in-place updates',
        ],
      },
    ],
  },
  {
    skill: 'Data Engineering',
    aliases: ['etl', 'elt', 'data pipelines', 'airflow', 'dbt', 'data warehouse', 'snowflake'],
    questions: [
      {
        difficulty: 'easy',
        text: 'What is the difference between ETL and ELT?',
        gold: "ETL extracts data from sources, transforms it on a separate processing system and then loads the result into the warehouse. ELT loads raw data into the warehouse first and transforms it there with SQL, using the warehouse's scalable compute. ELT has become common with cloud warehouses such as BigQuery and Snowflake because raw data is kept and transformations can be rerun or changed later. ETL still suits cases where data must be cleaned or masked before it is stored.",
        keyPoints: [
          'ETL transforms before loading',
          'ELT loads raw data and transforms inside the warehouse',
          'ELT uses warehouse compute',
          'raw data is kept so transformations can be rerun',
          'ETL when data must be masked before storage',
        ],
      },
      {
        difficulty: 'medium',
        text: 'How do you make a batch data pipeline reliable and rerunnable?',
        gold: 'Make each task idempotent, so running it twice for the same period gives the same result, for example by overwriting a date partition instead of appending. Orchestrate tasks with a scheduler such as Airflow that handles dependencies, retries and backfills. Validate data with checks on row counts, nulls, uniqueness and freshness, and stop the pipeline or alert when checks fail. Track lineage so you know which downstream tables are affected by a problem.',
        keyPoints: [
          'idempotent tasks that overwrite partitions',
          'orchestrator such as Airflow with retries and backfills',
          'data quality checks',
          'stop or alert when checks fail',
          'lineage shows affected tables',
        ],
      },
      {
        difficulty: 'hard',
        text: 'How would you design a pipeline that handles late-arriving and changing data?',
        gold: 'Separate event time from processing time and partition data by event time, so late records land where they belong. In streaming, watermarks define how long to wait for late events before closing a window, and late data beyond that is routed to a correction path. For changing source records, use change data capture to stream inserts, updates and deletes, and model history with slowly changing dimensions or merge statements that upsert by key. Reprocess affected partitions so aggregates stay correct.',
        keyPoints: [
          'event time versus processing time',
          'watermarks for late events in streaming',
          'change data capture for updates and deletes',
          'upserts or slowly changing dimensions',
          'reprocess affected partitions',
        ],
      },
    ],
  },
];
