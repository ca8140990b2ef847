import { useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Choice } from '../api/types';

interface OrderingInputProps {
  labelledBy: string;
  options: readonly Choice[];
  order: readonly string[];
  onChange: (order: string[]) => void;
  isDisabled?: boolean;
}

type Direction = 'up' | 'down';

/**
 * Putting things in order with "Move up" and "Move down" buttons: every step is a keyboard press,
 * the new place is announced, and focus stays with the item that moved.
 */
export function OrderingInput({ labelledBy, options, order, onChange, isDisabled = false }: OrderingInputProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const pendingFocus = useRef<{ key: string; direction: Direction } | null>(null);
  const textOf = (key: string) => options.find((option) => option.key === key)?.text ?? key;

  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    pendingFocus.current = null;
    const index = order.indexOf(pending.key);
    // At the top or bottom the pressed button is disabled now; its partner is the useful one.
    const atEdge = pending.direction === 'up' ? index === 0 : index === order.length - 1;
    const direction = atEdge ? (pending.direction === 'up' ? 'down' : 'up') : pending.direction;
    buttons.current.get(`${pending.key}:${direction}`)?.focus();
  }, [order]);

  const move = (index: number, direction: Direction) => {
    const target = direction === 'up' ? index - 1 : index + 1;
    const key = order[index];
    const other = order[target];
    if (key === undefined || other === undefined) return;
    const next = [...order];
    next[index] = other;
    next[target] = key;
    pendingFocus.current = { key, direction };
    setAnnouncement(t('assessment.ordering.moved', { text: textOf(key), position: target + 1, total: order.length }));
    onChange(next);
  };

  const register = (key: string, direction: Direction) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(`${key}:${direction}`, element);
    else buttons.current.delete(`${key}:${direction}`);
  };

  return (
    <div role="group" aria-labelledby={labelledBy} aria-describedby={hintId} className="ordering">
      <p id={hintId} className="field__description">
        {t('assessment.ordering.hint')}
      </p>
      <ol className="ordering__list">
        {order.map((key, index) => {
          const text = textOf(key);
          return (
            <li key={key} className="ordering__item">
              {/* The list itself tells screen readers the place; this shows it. */}
              <span className="ordering__position" aria-hidden="true">
                {index + 1}.
              </span>
              <span className="ordering__text">{text}</span>
              <span className="ordering__buttons">
                <Button
                  ref={register(key, 'up')}
                  className="react-aria-Button button--secondary"
                  aria-label={t('assessment.ordering.moveUpLabel', { text })}
                  isDisabled={isDisabled || index === 0}
                  onPress={() => {
                    move(index, 'up');
                  }}
                >
                  <span aria-hidden="true">↑ </span>
                  {t('assessment.ordering.moveUp')}
                </Button>
                <Button
                  ref={register(key, 'down')}
                  className="react-aria-Button button--secondary"
                  aria-label={t('assessment.ordering.moveDownLabel', { text })}
                  isDisabled={isDisabled || index === order.length - 1}
                  onPress={() => {
                    move(index, 'down');
                  }}
                >
                  <span aria-hidden="true">↓ </span>
                  {t('assessment.ordering.moveDown')}
                </Button>
              </span>
            </li>
          );
        })}
      </ol>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
