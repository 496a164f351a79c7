import { formatDate } from '@/lib/format';
import type { Meeting } from '../api';

/** The planned meetings a step can be put on, soonest first (the API lists them by id). */
export function plannedMeetings(meetings: readonly Meeting[]): Meeting[] {
  return meetings
    .filter((m) => m.state === 'planned')
    .sort((a, b) => a.date.localeCompare(b.date) || (a.title ?? '').localeCompare(b.title ?? '', 'da'));
}

/** A meeting as a person says it: "KKR Nordjylland – 3. maj 2027" (its title instead of the body's name when it has one). */
export function meetingLabel(meeting: Pick<Meeting, 'title' | 'bodyName' | 'date'>): string {
  return `${meeting.title ?? meeting.bodyName} – ${formatDate(meeting.date)}`;
}
