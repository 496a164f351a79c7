import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderWithQuery } from '@/test/render';
import { CaseDocuments, formatSize } from './CaseDocuments';

const CASE = '50000000-0000-0000-0000-000000000001';

const uploaded = {
  id: 'd1',
  caseId: CASE,
  title: 'Indstilling',
  source: 'upload',
  url: `/api/cases/${CASE}/documents/d1/content`,
  documentNumber: '3323070',
  fileName: 'indstilling.pdf',
  mediaType: 'application/pdf',
  sizeBytes: 2048,
  sha256: 'a'.repeat(64),
  sha512: 'b'.repeat(128),
  createdAt: '2026-01-01T00:00:00Z',
};

const linked = { ...uploaded, id: 'd2', title: 'Sagsfremstilling', source: 'link', url: 'https://sbsys.aalborg.dk/doc/9', sizeBytes: null, mediaType: null };

afterEach(() => vi.unstubAllGlobals());

function api(documents: unknown[], visibility = { caseId: CASE, visibility: 'whenDecided', isPublic: false, unpublishedAt: null, version: 3 }) {
  return mockFetch([
    ['GET', /\/documents$/, () => json(documents)],
    ['GET', /\/visibility$/, () => json(visibility, 200, { ETag: `"${visibility.version}"` })],
    ['POST', /\/documents$/, () => json(uploaded, 201)],
    ['POST', /\/document-links$/, () => json({ title: 'Validation', status: 422, errors: { url: ['A document URL must be an absolute https URL'] } }, 422)],
    ['DELETE', /\/documents\/d1$/, () => new Response(null, { status: 204 })],
    ['PUT', /\/visibility$/, () => json({ ...visibility, visibility: 'public', isPublic: true, version: 4 }, 200, { ETag: '"4"' })],
  ]);
}

describe('CaseDocuments', () => {
  it('lists uploads that open from Klima and links that open in the case system', async () => {
    api([uploaded, linked]);
    renderWithQuery(<CaseDocuments caseId={CASE} canWrite={false} />);
    const upload = await screen.findByRole('link', { name: 'Indstilling' });
    expect(upload).toHaveAttribute('href', `/api/cases/${CASE}/documents/d1/content`);
    expect(upload).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getByRole('link', { name: 'Sagsfremstilling' })).toHaveAttribute('href', 'https://sbsys.aalborg.dk/doc/9');
    expect(screen.queryByRole('form', { name: /upload/i })).toBeNull();
  });

  it('uploads the chosen file as multipart with its document number', async () => {
    const calls = api([]);
    renderWithQuery(<CaseDocuments caseId={CASE} canWrite />);
    const input = await screen.findByLabelText(/^Fil|^File/);
    await userEvent.upload(input, new File(['%PDF-1.7'], 'indstilling.pdf', { type: 'application/pdf' }));
    await userEvent.type(screen.getAllByLabelText(/Dok.nr.|Doc. no./)[0]!, '3323070');
    await userEvent.click(screen.getByRole('button', { name: /^(Tilføj fil|Upload)$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/documents'))).toBe(true));
    const post = calls.find((c) => c.method === 'POST' && c.url.endsWith('/documents'))!;
    expect(post.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(String(post.body)).toContain('name="documentNumber"');
    // (jsdom's File reaches undici's FormData as a blob, so its name is not asserted here.)
    expect(String(post.body)).toContain('name="file"');
  });

  it('shows the refusal of a link next to its field', async () => {
    api([]);
    renderWithQuery(<CaseDocuments caseId={CASE} canWrite />);
    await userEvent.type(await screen.findByLabelText(/Adresse|Address/), 'javascript:alert(1)');
    await userEvent.type(screen.getAllByLabelText(/^Titel|^Title/)[1]!, 'Bilag');
    await userEvent.click(screen.getByRole('button', { name: /Tilføj henvisning|Add reference/ }));
    expect(await screen.findByText(/absolute https URL/)).toBeInTheDocument();
  });

  it('publishes the case with the version it was read at', async () => {
    const calls = api([]);
    renderWithQuery(<CaseDocuments caseId={CASE} canWrite />);
    await userEvent.click(await screen.findByRole('radio', { name: /Offentlig nu|Public now/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"3"');
    expect(put.body).toEqual({ visibility: 'public' });
  });
});

describe('formatSize', () => {
  it('reads as people read sizes', () => {
    expect(formatSize(512, 'en')).toBe('512 B');
    expect(formatSize(2048, 'en')).toBe('2 kB');
    expect(formatSize(3.5 * 1024 * 1024, 'da')).toBe('3,5 MB');
  });

  it('deletes a document after asking, and only for who may write the case', async () => {
    const calls = api([uploaded]);
    const { unmount } = renderWithQuery(<CaseDocuments caseId={CASE} canWrite={false} />);
    await screen.findByRole('link', { name: 'Indstilling' });
    expect(screen.queryByRole('button', { name: /^Slet$|^Delete$/ })).toBeNull();
    unmount();

    renderWithQuery(<CaseDocuments caseId={CASE} canWrite />);
    await userEvent.click(await screen.findByRole('button', { name: /^Slet$|^Delete$/ }));
    expect(screen.getByText(/Indstilling/, { selector: 'p' })).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: /Slet dokumentet|Delete the document/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url.endsWith(`/api/cases/${CASE}/documents/d1`))).toBe(true));
  });
});
