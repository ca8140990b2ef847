import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';

import { createI18n } from '@/lib/i18n';

import { ItemStimulusView, type ItemStimulus } from './item-stimulus';

function show(stimulus: ItemStimulus, labelLanguage?: string) {
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      {labelLanguage ? (
        <ItemStimulusView stimulus={stimulus} labelLanguage={labelLanguage} />
      ) : (
        <ItemStimulusView stimulus={stimulus} />
      )}
    </I18nextProvider>,
  );
}

describe('an item stimulus', () => {
  it('draws an e-mail with its headers, body, attachments, and where each link really goes', () => {
    show({
      kind: 'email',
      from: 'Registrų centras <saskaitos@registru-centras.example>',
      to: 'you@example.lt',
      subject: 'Unpaid invoice',
      body: 'Dear customer,\n\nPay today.',
      links: [{ text: 'Pay now', url: 'http://registru-centras.example/pay' }],
      attachments: ['invoice.pdf.exe'],
    });
    const email = screen.getByRole('figure', { name: 'E-mail' });
    expect(within(email).getByText('Registrų centras <saskaitos@registru-centras.example>')).toBeInTheDocument();
    expect(within(email).getByText('you@example.lt')).toBeInTheDocument();
    expect(within(email).getByText('Unpaid invoice')).toBeInTheDocument();
    expect(within(email).getByText('Dear customer,')).toBeInTheDocument();
    expect(within(email).getByText('Pay today.')).toBeInTheDocument();
    const links = within(email).getByRole('list', { name: 'Links in the e-mail' });
    expect(within(links).getByText('Pay now')).toBeInTheDocument();
    expect(within(links).getByText('(link goes to http://registru-centras.example/pay)')).toBeInTheDocument();
    expect(within(links).queryByRole('link')).toBeNull();
    expect(within(email).getByRole('list', { name: 'Attachments' })).toHaveTextContent('invoice.pdf.exe');
  });

  it('draws a chat message by message', () => {
    show({
      kind: 'chat',
      title: 'IT support',
      messages: [
        { author: 'Tomas', text: 'Send me your password' },
        { author: 'You', text: 'Why?' },
      ],
    });
    const chat = screen.getByRole('figure', { name: 'Chat' });
    expect(within(chat).getByText('IT support')).toBeInTheDocument();
    expect(within(chat).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Tomas: Send me your password',
      'You: Why?',
    ]);
  });

  it('draws a sharing dialog', () => {
    show({ kind: 'share_dialog', document: 'salaries.xlsx', title: 'Salaries 2026', description: 'Everyone’s pay.' });
    const dialog = screen.getByRole('figure', { name: 'Sharing a document' });
    expect(within(dialog).getByText('Share “salaries.xlsx”')).toBeInTheDocument();
    expect(within(dialog).getByText('Salaries 2026')).toBeInTheDocument();
    expect(within(dialog).getByText('Everyone’s pay.')).toBeInTheDocument();
  });

  it('draws search results with their addresses', () => {
    show({
      kind: 'search',
      query: 'tax refund',
      results: [{ title: 'VMI refunds', url: 'https://www.vmi.lt/refund', snippet: 'Claim your refund.' }],
    });
    const search = screen.getByRole('figure', { name: 'Search results' });
    expect(within(search).getByText('tax refund')).toBeInTheDocument();
    expect(within(search).getByText('VMI refunds')).toBeInTheDocument();
    expect(within(search).getByText('https://www.vmi.lt/refund')).toBeInTheDocument();
    expect(within(search).getByText('Claim your refund.')).toBeInTheDocument();
  });

  it('draws a document excerpt and a settings panel', () => {
    show({ kind: 'document', title: 'Contract', body: 'Line 1\nLine 2' });
    const document = screen.getByRole('figure', { name: 'Document' });
    expect(within(document).getByText('Contract')).toBeInTheDocument();
    expect(document).toHaveTextContent('Line 1 Line 2');

    show({ kind: 'settings', title: 'Privacy', settings: [{ label: 'Location history', value: 'On' }] });
    const settings = screen.getByRole('figure', { name: 'Settings' });
    expect(within(settings).getByText('Privacy')).toBeInTheDocument();
    expect(within(settings).getByText('Location history')).toBeInTheDocument();
    expect(within(settings).getByText('On')).toBeInTheDocument();
  });

  it('labels the stimulus in the language asked for, whatever the interface language', () => {
    show({ kind: 'email', from: 'a@b.lt', subject: 'Sveiki', body: 'Tekstas', links: [], attachments: [] }, 'lt');
    const email = screen.getByRole('figure', { name: 'El. laiškas' });
    expect(within(email).getByText('Tema')).toBeInTheDocument();
  });
});
