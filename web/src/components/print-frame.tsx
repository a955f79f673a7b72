/**
 * A legal form (HTML from the forms API) in a frame of its own, to read and print on its paper (A5
 * slips, A4 register): the console's styles never touch it and printing prints only the form. The
 * same form can be downloaded as the server's PDF.
 */
import { useRef } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { apiFile, saveFile } from '../api/client';

export interface PrintableForm {
  title: string;
  html: string;
  /** The API path of the same form as PDF (`format=pdf`). */
  pdfPath: string;
}

export function PrintFrame({ form, onClose }: { form: PrintableForm | null; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  // The API wants the officer's token: fetch the PDF, then hand it to the browser as a file.
  const pdf = useMutation({
    mutationFn: (f: PrintableForm) => apiFile(f.pdfPath, `${f.title}.pdf`),
    onSuccess: saveFile,
  });
  const close = () => {
    pdf.reset();
    onClose();
  };
  return (
    <Modal opened={form !== null} onClose={close} title={form?.title} size="xl">
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
            {pdf.error ? (
              <Text c="red" size="sm">
                {pdf.error.message}
              </Text>
            ) : null}
            <Button variant="default" onClick={close}>
              Đóng
            </Button>
            <Button
              variant="light"
              onClick={() => pdf.mutate(form)}
              loading={pdf.isPending}
              data-testid="print-frame-pdf"
            >
              Tải PDF
            </Button>
            <Button onClick={() => frame.current?.contentWindow?.print()}>In</Button>
          </Group>
        </>
      ) : null}
    </Modal>
  );
}
