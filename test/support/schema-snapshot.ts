import { Client } from 'pg';

// Everything that makes up the application schema (`public`): columns, indexes, constraints,
// triggers, views and functions, each as one sorted line of text, so two databases can be
// compared with toEqual and a difference reads as a diff.
export async function schemaSnapshot(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(`
      SELECT format('column %s.%s %s %s default %s', table_name, column_name,
                    CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END
                      || coalesce('(' || character_maximum_length || ')', ''),
                    CASE is_nullable WHEN 'YES' THEN 'null' ELSE 'not null' END,
                    coalesce(column_default, '-')) AS line
        FROM information_schema.columns WHERE table_schema = 'public'
      UNION ALL
      SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL
      SELECT format('constraint %s.%s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
      UNION ALL
      SELECT format('trigger %s', pg_get_triggerdef(t.oid))
        FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = r.relnamespace
       WHERE n.nspname = 'public' AND NOT t.tgisinternal
      UNION ALL
      SELECT format('view %s %s', viewname, definition) FROM pg_views WHERE schemaname = 'public'
      UNION ALL
      SELECT format('function %s', pg_get_functiondef(p.oid))
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.prokind = 'f'
       ORDER BY 1`);
    return rows.map((r) => r.line);
  } finally {
    await client.end();
  }
}
