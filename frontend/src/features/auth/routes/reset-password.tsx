import { useState, type SyntheticEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/api/problem';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';
import { TextInput } from '@/components/text-input';
import { emailText } from '@/lib/form-errors';

import { requestPasswordReset } from '../api';
import { AltchaField } from '../components/altcha-field';
import { useAltcha } from '../components/use-altcha';

/** Asks for a password-reset link; the answer is the same whether or not the address has an account. */
export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const altcha = useAltcha();

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const payload = altcha.take();
    if (!payload) return;
    setPending(true);
    setProblem(null);
    try {
      await requestPasswordReset({ email: email.trim(), altcha: payload });
      setSentTo(email.trim());
    } catch (failure) {
      const captcha = failure instanceof ApiProblem && failure.slug === 'captcha-invalid';
      altcha.renew(captcha ? t('problems.captcha-invalid') : undefined);
      if (!captcha) setProblem(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <Page title={t('resetPassword.title')}>
      {sentTo ? (
        <div role="status" className="notice">
          <p>{t('resetPassword.sent', { email: sentTo })}</p>
        </div>
      ) : (
        <>
          <p>{t('resetPassword.intro')}</p>
          {problem !== null && <ProblemAlert error={problem} />}
          <Form id="reset-form" className="form" onSubmit={(event) => void submit(event)}>
            <TextInput
              label={t('fields.email')}
              name="email"
              type="email"
              autoComplete="email"
              isRequired
              validate={emailText(t)}
              value={email}
              onChange={setEmail}
            />
          </Form>
          <AltchaField {...altcha.field} />
          <div className="form__actions">
            <Button type="submit" form="reset-form" isPending={pending}>
              {t('resetPassword.submit')}
            </Button>
          </div>
        </>
      )}
    </Page>
  );
}
