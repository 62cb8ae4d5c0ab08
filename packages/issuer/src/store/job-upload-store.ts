import { sqlNowMs, type SqlExecutor } from '@staff-passport/core';
import { sql, type Kysely } from 'kysely';

/**
 * sp_job_uploads: a job's uploaded file in chunks, in the database every instance reads (not a
 * local folder), until the job ends.
 */
export type JobUploadsTable = {
  job_id: string;
  chunk_no: number;
  data: Buffer;
  /** When the chunk was written (database clock, ms): an upload no job took is deleted after a while. */
  created_at: number;
};

type UploadTables = { sp_job_uploads: JobUploadsTable; sp_jobs: { id: string; state: string } };

function uploadSql(db: SqlExecutor): Kysely<UploadTables> {
  return db.kysely.withTables<UploadTables>();
}

/** Writes one chunk of a job's upload (a statement of its own: committed when it returns). */
export async function insertUploadChunk(db: SqlExecutor, jobId: string, chunkNo: number, data: Buffer): Promise<void> {
  await uploadSql(db)
    .insertInto('sp_job_uploads')
    .values({ job_id: jobId, chunk_no: chunkNo, data, created_at: sqlNowMs(db.engine) })
    .execute();
}

/** A job's upload, chunk by chunk in order (one chunk in memory at a time). */
export async function* readUploadChunks(db: SqlExecutor, jobId: string): AsyncGenerator<Buffer> {
  for (let chunkNo = 0; ; chunkNo += 1) {
    const [row] = await uploadSql(db).selectFrom('sp_job_uploads').select('data').where('job_id', '=', jobId).where('chunk_no', '=', chunkNo).execute();
    if (!row) return;
    yield Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data as Uint8Array);
  }
}

/** Deletes a job's upload. */
export async function deleteUpload(db: SqlExecutor, jobId: string): Promise<void> {
  await uploadSql(db).deleteFrom('sp_job_uploads').where('job_id', '=', jobId).execute();
}

/** How many jobs have an upload kept. */
export async function countUploads(db: SqlExecutor): Promise<number> {
  const [row] = await uploadSql(db)
    .selectFrom('sp_job_uploads')
    .select((eb) => eb.fn.count<number>('job_id').distinct().as('n'))
    .execute();
  return Number(row?.n ?? 0);
}

/**
 * Deletes the uploads no job needs (housekeeping): those of jobs that ended, and those older than
 * `orphanMs` whose job was never recorded (an upload cut off, or its instance killed mid-upload).
 *
 * @returns how many chunks were deleted.
 */
export async function deleteUnneededUploads(db: SqlExecutor, orphanMs: number): Promise<number> {
  const result = await uploadSql(db)
    .deleteFrom('sp_job_uploads')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('sp_jobs').select('sp_jobs.id').whereRef('sp_jobs.id', '=', 'sp_job_uploads.job_id').where('sp_jobs.state', 'not in', ['validating', 'issuing'])),
        eb.and([
          eb('sp_job_uploads.created_at', '<', sql<number>`${sqlNowMs(db.engine)} - ${orphanMs}`),
          eb.not(eb.exists(eb.selectFrom('sp_jobs').select('sp_jobs.id').whereRef('sp_jobs.id', '=', 'sp_job_uploads.job_id'))),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
