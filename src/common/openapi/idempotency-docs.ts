import type { OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';

const IDEMPOTENCY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any string of 1 to 255 characters, new for each new request. The first answer is stored for 24 h per caller and key; a repeat with the same body gets it again (header `Idempotent-Replayed: true`), the same key with another body → 422, a repeat while the first still runs waits for its answer (or → 409 when it takes too long, or while a multipart body is still arriving).',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const STATUSES: [string, string][] = [
  [
    '409',
    'With an Idempotency-Key: the first request with this key is still running (IDEMPOTENCY_KEY_IN_USE)',
  ],
  [
    '422',
    'With an Idempotency-Key: the key was used with a different request (IDEMPOTENCY_KEY_REUSED)',
  ],
];

// Every POST takes an Idempotency-Key (src/idempotency): the header, the replay marker on the
// success answers, and the two refusals.
export function documentIdempotency(operation: OperationObject): void {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  if (!parameters.some((p) => p.in === 'header' && p.name === IDEMPOTENCY_PARAMETER.name)) {
    operation.parameters = [...parameters, IDEMPOTENCY_PARAMETER];
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) < 300 && response && !('$ref' in response)) {
      response.headers = {
        ...response.headers,
        'Idempotent-Replayed': {
          description:
            '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
          schema: { type: 'string', enum: ['true'] },
        },
      };
    }
  }
  for (const [status, text] of STATUSES) {
    const existing = operation.responses[status] as ResponseObject | undefined;
    operation.responses[status] = {
      ...existing,
      description: existing?.description ? `- ${existing.description}\n- ${text}` : text,
    };
  }
}
