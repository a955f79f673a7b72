/**
 * A legal form (HTML from the forms API) in a frame of its own, to read and print on A4:
 * the console's styles never touch it and printing prints only the form.
 */
import { useRef } from 'react';
import { Button, Group, Modal } from '@mantine/core';

export interface PrintableForm {
  title: string;
  html: string;
}

export function PrintFrame({ form, onClose }: { form: PrintableForm | null; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Modal opened={form !== null} onClose={onClose} title={form?.title} size="xl">
      {form ? (
        <>
          <iframe
            ref={frame}
            title={form.title}
            srcDoc={form.html}
            data-testid="print-frame"
            style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-3)' }}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Đóng
            </Button>
            <Button onClick={() => frame.current?.contentWindow?.print()}>In</Button>
          </Group>
        </>
      ) : null}
    </Modal>
  );
}
