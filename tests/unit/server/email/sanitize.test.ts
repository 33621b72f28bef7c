import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeEmailHtml } from '../../../../src/server/channels/email/sanitize';

const clean = (h: string) => sanitizeEmailHtml(h).html;

describe('sanitizeEmailHtml', () => {
  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<p onclick="x()" onmouseover="y()">ok</p>', '<p>ok</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['<a href="https://a.example/">x</a>', '<a href="https://a.example/" target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['<iframe src="https://e.example"></iframe><p>k</p>', '<p>k</p>'],
    ['<form action="https://e.example"><input name="a"><button>Go</button></form>', ''],
    ['<object data="x"></object><embed src="y"><p>k</p>', '<p>k</p>'],
    ['<svg><script>alert(1)</script></svg><p>k</p>', '<p>k</p>'],
    ['<p style="color:red">k</p>', '<p style="color:red">k</p>'],
    ['<p style="background:url(https://t.example/x)">k</p>', '<p>k</p>'],
    ['<div style="width:expression(alert(1))">k</div>', '<div>k</div>'],
    ['<table background="https://t.example/bg.png"><tr><td>k</td></tr></table>', '<table><tr><td>k</td></tr></table>'],
    ['<meta http-equiv="refresh" content="0;url=https://e.example"><p>k</p>', '<p>k</p>'],
    ['<base href="https://e.example/"><p>k</p>', '<p>k</p>'],
    ['<link rel="stylesheet" href="https://e.example/s.css"><p>k</p>', '<p>k</p>'],
  ])('%s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('remote images are blocked: src moved to data-remote-src and counted', () => {
    const r = sanitizeEmailHtml('<img src="https://cdn.example/a.png" alt="a"><img src="http://cdn.example/b.png">');
    expect(r.remoteImages).toBe(2);
    expect(r.html).toBe('<img alt="a" data-remote-src="https://cdn.example/a.png" /><img data-remote-src="http://cdn.example/b.png" />');
  });

  it('a sender-supplied data-remote-src is not trusted', () => {
    expect(clean('<img data-remote-src="javascript:alert(1)">')).toBe('<img />');
  });

  it('inline data: images stay, cid: and other schemes lose their src', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(clean(`<img src="${png}">`)).toBe(`<img src="${png}" />`);
    expect(clean('<img src="cid:part1@x">')).toBe('<img />');
    expect(clean('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe('<img />');
  });

  it('htmlToText gives readable text without URLs of links or images', () => {
    expect(htmlToText(clean('<p>Hello <b>you</b></p><p><a href="https://x.example">link</a></p><img data-remote-src="https://t">'))).toBe(
      'Hello you\n\nlink',
    );
  });
});

describe('sanitizeEmailHtml: cid: images', () => {
  const images = new Map([['a@b', { dataUri: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', filename: 'dot.gif' }]]);
  it('a known cid (any case, %-encoded, with <>) gets the data: URI; an unknown one loses its src', () => {
    for (const src of ['cid:a@b', 'CID:A@B', 'cid:a%40b', 'cid:%3Ca@b%3E']) {
      expect(sanitizeEmailHtml(`<img src="${src}">`, images)).toEqual({
        html: '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />',
        remoteImages: 0,
        inlineImages: 1,
      });
    }
    expect(sanitizeEmailHtml('<img src="cid:other@b">', images).html).toBe('<img />');
    expect(sanitizeEmailHtml('<img src="cid:a@b">').html).toBe('<img />');
  });
});
