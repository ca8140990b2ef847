import { useState, type SyntheticEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiProblem } from '@/api/problem';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';
import { TextInput } from '@/components/text-input';
import { emailText, fieldErrors, passwordText, requiredText } from '@/lib/form-errors';

import { register } from '../api';
import { AltchaField } from '../components/altcha-field';
import { useAltcha } from '../components/use-altcha';

/** Self-registration for people whose organisation's e-mail domain is allowed, protected by ALTCHA. */
export function RegisterRoute() {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState({ display_name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const altcha = useAltcha();

  const set = (field: keyof typeof values) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const payload = altcha.take();
    if (!payload) return;
    setPending(true);
    setProblem(null);
    setErrors({});
    const email = values.email.trim();
    try {
      await register({ ...values, email, display_name: values.display_name.trim(), language: i18n.language, altcha: payload });
      setSentTo(email);
    } catch (failure) {
      const slug = failure instanceof ApiProblem ? failure.slug : '';
      altcha.renew(slug === 'captcha-invalid' ? t('problems.captcha-invalid') : undefined);
      if (slug === 'domain-not-allowed') setErrors({ email: t('problems.domain-not-allowed') });
      else if (slug === 'weak-password') setErrors({ password: t('problems.weak-password') });
      else if (slug !== 'captcha-invalid') {
        const inline = fieldErrors(failure, t);
        setErrors(inline);
        if (Object.keys(inline).length === 0) setProblem(failure);
      }
    } finally {
      setPending(false);
    }
  };

  if (sentTo) {
    return (
      <Page title={t('register.sentTitle')}>
        <div role="status" className="notice">
          <p>{t('register.sentBody', { email: sentTo })}</p>
        </div>
        <p>{t('register.sentHint')}</p>
      </Page>
    );
  }

  return (
    <Page title={t('register.title')}>
      <p>{t('register.intro')}</p>
      {problem !== null && <ProblemAlert error={problem} title={t('register.failed')} />}
      <Form id="register-form" className="form" validationErrors={errors} onSubmit={(event) => void submit(event)}>
        <TextInput
          label={t('fields.displayName')}
          name="display_name"
          autoComplete="name"
          isRequired
          maxLength={200}
          validate={requiredText(t)}
          value={values.display_name}
          onChange={set('display_name')}
        />
        <TextInput
          label={t('fields.workEmail')}
          description={t('register.emailHint')}
          name="email"
          type="email"
          autoComplete="email"
          isRequired
          validate={emailText(t)}
          value={values.email}
          onChange={set('email')}
        />
        <TextInput
          label={t('fields.password')}
          description={t('register.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          isRequired
          maxLength={1024}
          validate={passwordText(t)}
          value={values.password}
          onChange={set('password')}
        />
      </Form>
      <AltchaField {...altcha.field} />
      <div className="form__actions">
        <Button type="submit" form="register-form" isPending={pending}>
          {t('register.submit')}
        </Button>
      </div>
      <p>
        {t('register.haveAccount')} <Link to="/sign-in">{t('register.signIn')}</Link>
      </p>
    </Page>
  );
}
