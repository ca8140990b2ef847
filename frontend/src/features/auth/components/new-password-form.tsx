import { useState, type SyntheticEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/api/problem';
import { ProblemAlert } from '@/components/problem-message';
import { TextInput } from '@/components/text-input';
import { fieldErrors, passwordText } from '@/lib/form-errors';

interface NewPasswordFormProps {
  submitLabel: string;
  onSubmit: (password: string) => Promise<void>;
}

/** One new-password field (a second "repeat" field adds work, not safety) with the server's verdict inline. */
export function NewPasswordForm({ submitLabel, onSubmit }: NewPasswordFormProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setPending(true);
    setProblem(null);
    setErrors({});
    try {
      await onSubmit(password);
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.slug === 'weak-password') {
        setErrors({ password: t('problems.weak-password') });
      } else {
        const inline = fieldErrors(failure, t);
        setErrors(inline);
        if (!inline.password) setProblem(failure);
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      {problem !== null && <ProblemAlert error={problem} />}
      <Form className="form" validationErrors={errors} onSubmit={(event) => void submit(event)}>
        <TextInput
          label={t('fields.newPassword')}
          description={t('register.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          isRequired
          maxLength={1024}
          validate={passwordText(t)}
          value={password}
          onChange={setPassword}
        />
        <div className="form__actions">
          <Button type="submit" isPending={pending}>
            {submitLabel}
          </Button>
        </div>
      </Form>
    </>
  );
}
