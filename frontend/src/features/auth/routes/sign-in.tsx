import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { SignInUnavailable } from '@/components/sign-in-unavailable';
import { TextInput } from '@/components/text-input';
import { useSession } from '@/lib/auth-context';
import { emailText, requiredText } from '@/lib/form-errors';

import { federationQueryOptions, federationStartUrl, isAuthorizeUrl, login, submitSecondFactor, type LoginResult } from '../api';
import { AltchaField } from '../components/altcha-field';
import { LoginProblem, needsCaptcha } from '../components/login-problem';
import { useAltcha } from '../components/use-altcha';

/**
 * The identity provider's sign-in page: the provider sends the browser here with `return_to` (its
 * authorize request) and the page sends it back there once the session cookie is set.
 */
export function SignInRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { auth } = useSession();
  const returnTo = params.get('return_to');
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    // Every sign-in goes through the provider, which comes back here with its own return_to.
    if (returnTo) return;
    void auth.signIn('/').then((started) => {
      setFailed(!started);
    });
  }, [auth, returnTo, attempt]);

  let body = <Loading label={t('auth.redirecting')} />;
  if (returnTo) body = <SignInSteps returnTo={returnTo} />;
  else if (failed) {
    body = (
      <SignInUnavailable
        onRetry={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  return <Page title={t('signIn.title')}>{body}</Page>;
}

function SignInSteps({ returnTo }: { returnTo: string }) {
  const { auth } = useSession();
  const [challenge, setChallenge] = useState<string | null>(null);

  const finish = useCallback(
    (result: LoginResult) => {
      if (result.status === 'second_factor_required') {
        setChallenge(result.challenge);
        return;
      }
      // Back to the authorize request, which now finds the session; anything else starts a fresh one.
      if (isAuthorizeUrl(returnTo, auth.origin)) auth.leave(new URL(returnTo, auth.origin).href);
      else void auth.signIn('/');
    },
    [auth, returnTo],
  );

  return challenge ? (
    <SecondFactorForm challenge={challenge} onDone={finish} />
  ) : (
    <PasswordForm returnTo={returnTo} onDone={finish} />
  );
}

function PasswordForm({ returnTo, onDone }: { returnTo: string; onDone: (result: LoginResult) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [captchaShown, setCaptchaShown] = useState(false);
  const altcha = useAltcha();
  const federation = useQuery(federationQueryOptions());

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const payload = captchaShown ? altcha.take() : null;
    if (captchaShown && !payload) return;
    setPending(true);
    setError(null);
    try {
      onDone(await login({ email: email.trim(), password, ...(payload ? { altcha: payload } : {}) }));
    } catch (failure) {
      setError(failure);
      setPassword('');
      if (captchaShown) altcha.renew();
      if (needsCaptcha(failure)) setCaptchaShown(true);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <p>{t('signIn.intro')}</p>
      {error !== null && <LoginProblem error={error} />}
      <Form id="sign-in-form" className="form" onSubmit={(event) => void submit(event)}>
        <TextInput
          label={t('fields.email')}
          name="email"
          type="email"
          autoComplete="username"
          isRequired
          validate={emailText(t)}
          value={email}
          onChange={setEmail}
        />
        <TextInput
          label={t('fields.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          isRequired
          validate={requiredText(t)}
          value={password}
          onChange={setPassword}
        />
      </Form>
      {captchaShown && (
        <AltchaField {...altcha.field} />
      )}
      <div className="form__actions">
        <Button type="submit" form="sign-in-form" isPending={pending}>
          {t('signIn.submit')}
        </Button>
      </div>
      <ul className="link-list">
        <li>
          <Link to="/reset-password">{t('signIn.forgotPassword')}</Link>
        </li>
        <li>
          <Link to="/register">{t('signIn.register')}</Link>
        </li>
        {federation.data?.enabled && (
          <li>
            <a href={federationStartUrl(returnTo)}>{t('signIn.federation')}</a>
          </li>
        )}
      </ul>
    </>
  );
}

function SecondFactorForm({ challenge, onDone }: { challenge: string; onDone: (result: LoginResult) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  // The password form has gone; tell screen readers and keyboard users where they are now.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      onDone(await submitSecondFactor({ challenge, code: code.replaceAll(/\s/g, '') }));
    } catch (failure) {
      setError(failure);
      setCode('');
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading" ref={heading} tabIndex={-1}>{t('signIn.secondFactor.title')}</h2>
      <p>{t('signIn.secondFactor.intro')}</p>
      {error !== null && <LoginProblem error={error} step="code" />}
      <Form className="form" onSubmit={(event) => void submit(event)}>
        <TextInput
          label={t('signIn.secondFactor.code')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          isRequired
          validate={requiredText(t)}
          value={code}
          onChange={setCode}
        />
        <div className="form__actions">
          <Button type="submit" isPending={pending}>
            {t('signIn.secondFactor.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
