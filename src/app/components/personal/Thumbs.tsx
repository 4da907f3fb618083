/** 好评 / 差评 buttons on a result or product page. Thumbs down is a strong negative signal. */
import { useState } from 'react';
import { useClient } from '../../state/clientContext';
import { usePersonalStrings } from './usePersonal';

export function Thumbs(props: { productId: string; query?: string; position?: number }) {
  const client = useClient();
  const s = usePersonalStrings();
  const [chosen, setChosen] = useState<'up' | 'down' | null>(null);
  if (!client.personal) return null;
  const send = (kind: 'up' | 'down') => {
    setChosen(kind);
    client.personal!.record({
      type: kind === 'up' ? 'thumbsUp' : 'thumbsDown',
      productId: props.productId,
      query: props.query,
      position: props.position,
    });
  };
  return (
    <span className="thumbs" role="group">
      <button
        type="button"
        className="thumb"
        data-testid="thumbs-up"
        aria-pressed={chosen === 'up'}
        aria-label={s.thumbsUp}
        title={s.thumbsUp}
        onClick={(e) => {
          e.stopPropagation();
          send('up');
        }}
      >
        👍
      </button>
      <button
        type="button"
        className="thumb"
        data-testid="thumbs-down"
        aria-pressed={chosen === 'down'}
        aria-label={s.thumbsDown}
        title={s.thumbsDown}
        onClick={(e) => {
          e.stopPropagation();
          send('down');
        }}
      >
        👎
      </button>
    </span>
  );
}
