import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from './index';
import { api, unwrap, unwrapWithEtag } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type CaseDocument = components['schemas']['DocumentsCaseDocumentResponse'];
export type CaseVisibility = components['schemas']['DocumentsCaseVisibility'];
export type CaseVisibilityState = components['schemas']['DocumentsCaseVisibilityResponse'];

export function useCaseDocuments(caseId: string) {
  return useQuery({
    queryKey: caseKeys('case-documents', caseId),
    queryFn: () => unwrap(api.GET('/api/cases/{caseId}/documents', { params: { path: { caseId } } })),
  });
}

/** Uploads a file (multipart); the API sniffs its type and computes its checksums. */
export function useUploadCaseDocument(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, title, documentNumber }: { file: File; title?: string; documentNumber?: string }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      if (title) form.append('title', title);
      if (documentNumber) form.append('documentNumber', documentNumber);
      return unwrap(
        api.POST('/api/cases/{caseId}/documents', {
          params: { path: { caseId } },
          // The browser sets multipart/form-data with its boundary for a FormData body.
          body: form as never,
          bodySerializer: (body) => body as unknown as FormData,
        }),
      );
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKeys('case-documents', caseId) });
      void client.invalidateQueries({ queryKey: caseKeys('case', caseId) });
    },
  });
}

export function useLinkCaseDocument(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; title: string; documentNumber?: string | null; sha256?: string | null }) =>
      unwrap(
        api.POST('/api/cases/{caseId}/document-links', {
          params: { path: { caseId } },
          body: { url: body.url, title: body.title, documentNumber: body.documentNumber ?? null, sha256: body.sha256 ?? null },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKeys('case-documents', caseId) });
      void client.invalidateQueries({ queryKey: caseKeys('case', caseId) });
    },
  });
}

/** Deletes a document; the public view then shows it as a deleted File. */
export function useDeleteCaseDocument(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) =>
      unwrap(api.DELETE('/api/cases/{caseId}/documents/{documentId}', { params: { path: { caseId, documentId } } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKeys('case-documents', caseId) });
      void client.invalidateQueries({ queryKey: caseKeys('case', caseId) });
    },
  });
}

export function useCaseVisibility(caseId: string) {
  return useQuery({
    queryKey: caseKeys('case-visibility', caseId),
    queryFn: () => unwrapWithEtag(api.GET('/api/cases/{caseId}/visibility', { params: { path: { caseId } } })),
  });
}

export function useSetCaseVisibility(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ visibility, etag }: { visibility: CaseVisibility; etag: string }) =>
      unwrap(
        api.PUT('/api/cases/{caseId}/visibility', {
          params: { path: { caseId } },
          headers: { 'If-Match': etag },
          body: { visibility },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKeys('case-visibility', caseId) });
      void client.invalidateQueries({ queryKey: caseKeys('case', caseId) });
    },
  });
}
