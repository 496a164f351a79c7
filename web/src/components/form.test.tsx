import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Field, FormError, useFormErrors } from './form';
import { ApiError } from '@/lib/api/problem';

function Demo({ error }: { error: unknown }) {
  const { fieldErrors, formError, fromError } = useFormErrors(['personId', 'startDate']);
  const [value, setValue] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        fromError(error);
      }}
    >
      <FormError error={formError} />
      <Field name="personId" label="Person" errors={fieldErrors} required>
        {(p) => <input {...p} value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      <Field name="startDate" label="Start" errors={fieldErrors}>
        {(p) => <input type="date" {...p} />}
      </Field>
      <button type="submit">Send</button>
    </form>
  );
}

describe('problem details on form fields', () => {
  it('shows each message on the field it concerns, tied by aria-describedby', async () => {
    const error = new ApiError(400, {
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { personId: ['Vælg en person.'], StartDate: ['Datoen er ugyldig.'] },
    });
    render(<Demo error={error} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    const person = screen.getByLabelText(/Person/);
    expect(person).toHaveAttribute('aria-invalid', 'true');
    expect(person).toHaveAccessibleDescription('Vælg en person.');
    expect(screen.getByLabelText('Start')).toHaveAccessibleDescription('Datoen er ugyldig.');
    expect(screen.getByRole('alert')).toHaveTextContent('Ret de markerede felter.');
  });

  it('puts messages for unknown fields above the form', async () => {
    const error = new ApiError(400, { errors: { seatId: ['Sædet er besat.'] } });
    render(<Demo error={error} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Sædet er besat.');
    expect(screen.getByLabelText(/Person/)).not.toHaveAttribute('aria-invalid');
  });

  it('explains a 412 as a change by someone else and offers a reload', async () => {
    render(<Demo error={new ApiError(412, { title: 'Precondition Failed', status: 412 })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/ændret af en anden/);
    expect(screen.getByRole('button', { name: 'Genindlæs' })).toBeInTheDocument();
  });

  it('uses the problem detail for a conflict', async () => {
    render(<Demo error={new ApiError(409, { detail: 'Personen sidder allerede i sædet.' })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Personen sidder allerede i sædet.');
  });
});
