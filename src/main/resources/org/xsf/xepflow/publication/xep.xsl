<?xml version="1.0" encoding="UTF-8"?>
<!--
  A XEP document (entities already expanded) as an HTML page: the header table of XEP-0001
  section 15 (number, title, status, type, version, authors, dependencies, supersedes,
  superseded by), the revision history, the numbered sections with their markup and examples.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:param name="label"/>
  <xsl:param name="version"/>
  <xsl:param name="statusNow"/>
  <xsl:param name="notice"/>
  <!-- 'true' for a version the Editor published as an editorial change (XEP-0001 sections 8.1, 10) -->
  <xsl:param name="editorial"/>
  <!-- which stylesheet rendered the page: a change of status rewrites only pages of this one -->
  <xsl:param name="stylesheet"/>

  <xsl:template match="/xep">
    <html lang="en">
      <head>
        <xsl:comment><xsl:value-of select="concat(' xep.xsl ', $stylesheet, ' ')"/></xsl:comment>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$label"/>: <xsl:value-of select="header/title"/></title>
        <link rel="stylesheet" href="/extensions/xep.css"/>
      </head>
      <body>
        <p class="nav"><a href="/extensions/">All XEPs</a></p>
        <xsl:if test="$notice != ''"><p class="notice"><xsl:value-of select="$notice"/></p></xsl:if>
        <h1><xsl:value-of select="$label"/>: <xsl:value-of select="header/title"/></h1>
        <p class="abstract"><xsl:value-of select="header/abstract"/></p>
        <xsl:apply-templates select="header"/>
        <!-- a fact of the version and the rule, both true whatever the XEP's status becomes (a change of status rewrites only its cell) -->
        <xsl:if test="$editorial = 'true'"><p class="editorial">Version <xsl:value-of select="$version"/> was published by the XMPP Extensions Editor as an editorial change, one that could not reasonably be construed as material, without a vote of the XMPP Council. The Council may demand the reversal of any change to a XEP while it is Draft, Final or Active (XEP-0001 sections 8.1, 10).</p></xsl:if>
        <nav class="toc"><h2>Table of Contents</h2><ol>
          <xsl:for-each select="section1"><li><a href="#{generate-id()}"><xsl:value-of select="@topic"/></a></li></xsl:for-each>
        </ol></nav>
        <xsl:call-template name="content">
          <xsl:with-param name="nodes" select="section1|section2|section3|section4|section5"/>
        </xsl:call-template>
        <xsl:apply-templates select="header" mode="history"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="header">
    <table class="header">
      <tr><th>Number</th><td><xsl:value-of select="$label"/></td></tr>
      <tr><th>Status</th><td class="status"><xsl:value-of select="$statusNow"/></td></tr>
      <tr><th>Type</th><td><xsl:value-of select="type"/></td></tr>
      <tr><th>Version</th><td><xsl:value-of select="$version"/><xsl:if test="$editorial = 'true'"><span class="editorial"> (editorial change)</span></xsl:if></td></tr>
      <tr><th>Last updated</th><td><xsl:value-of select="revision[1]/date"/></td></tr>
      <tr><th>Approving body</th><td><xsl:value-of select="approver"/></td></tr>
      <tr><th>Short name</th><td><xsl:value-of select="shortname"/></td></tr>
      <tr><th>Dependencies</th><td><xsl:call-template name="specs"><xsl:with-param name="list" select="dependencies"/></xsl:call-template></td></tr>
      <tr><th>Supersedes</th><td><xsl:call-template name="specs"><xsl:with-param name="list" select="supersedes"/></xsl:call-template></td></tr>
      <tr><th>Superseded by</th><td><xsl:call-template name="specs"><xsl:with-param name="list" select="supersededby"/></xsl:call-template></td></tr>
      <tr><th>Authors</th><td><ul class="authors"><xsl:for-each select="author"><li>
        <xsl:value-of select="firstname"/><xsl:text> </xsl:text><xsl:value-of select="surname"/>
        <xsl:if test="email != ''"> &lt;<a href="mailto:{email}"><xsl:value-of select="email"/></a>&gt;</xsl:if>
        <xsl:if test="jid != ''"> (<a href="xmpp:{jid}"><xsl:value-of select="jid"/></a>)</xsl:if>
      </li></xsl:for-each></ul></td></tr>
    </table>
  </xsl:template>

  <xsl:template name="specs">
    <xsl:param name="list"/>
    <xsl:choose>
      <xsl:when test="$list/spec"><xsl:for-each select="$list/spec"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each></xsl:when>
      <xsl:otherwise>None</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="header" mode="history">
    <section class="history"><h2>Revision History</h2><table>
      <tr><th>Version</th><th>Date</th><th>Initials</th><th>Remark</th></tr>
      <xsl:for-each select="revision"><tr>
        <td><xsl:value-of select="version"/></td><td><xsl:value-of select="date"/></td>
        <td><xsl:value-of select="initials"/></td><td><xsl:for-each select="remark"><xsl:call-template name="content"/></xsl:for-each></td>
      </tr></xsl:for-each>
    </table></section>
  </xsl:template>

  <!--
    Applies the templates to $nodes (an element's children, in document order) and passes each
    section its number: $prefix, then its place among the element's sections of any level, as
    xsl:number level="multiple" numbered them. xsl:number counted every earlier section for each
    heading, as XSLTC's preceding-sibling axis does (74 s of CPU to render 100,000 sections), and a
    recursion from sibling to sibling is as deep as there are siblings: the nodes are halved instead,
    the second half told how many sections the first holds, until a part is one node or holds no
    section (n log n, as deep as log n).
  -->
  <xsl:template name="content">
    <xsl:param name="nodes" select="node()"/>
    <xsl:param name="prefix"/>
    <xsl:param name="before" select="0"/>
    <xsl:choose>
      <xsl:when test="$nodes[2] and $nodes[self::section1 or self::section2 or self::section3 or self::section4 or self::section5]">
        <xsl:variable name="half" select="floor(count($nodes) div 2)"/>
        <xsl:variable name="first" select="$nodes[position() &lt;= $half]"/>
        <xsl:call-template name="content">
          <xsl:with-param name="nodes" select="$first"/>
          <xsl:with-param name="prefix" select="$prefix"/>
          <xsl:with-param name="before" select="$before"/>
        </xsl:call-template>
        <xsl:call-template name="content">
          <xsl:with-param name="nodes" select="$nodes[position() &gt; $half]"/>
          <xsl:with-param name="prefix" select="$prefix"/>
          <xsl:with-param name="before" select="$before + count($first[self::section1 or self::section2 or self::section3 or self::section4 or self::section5])"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$nodes">
          <xsl:with-param name="prefix" select="$prefix"/>
          <xsl:with-param name="number" select="concat($prefix, $before + 1)"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- counted among the sections of the XEP, but only those of the first level are shown -->
  <xsl:template match="/xep/section2|/xep/section3|/xep/section4|/xep/section5"/>

  <xsl:template match="section1|section2|section3|section4|section5">
    <xsl:param name="number"/>
    <xsl:variable name="level" select="substring-after(local-name(), 'section') + 1"/>
    <section id="{generate-id()}">
      <xsl:if test="@anchor != ''"><xsl:attribute name="id"><xsl:value-of select="@anchor"/></xsl:attribute></xsl:if>
      <xsl:element name="h{$level}">
        <xsl:value-of select="$number"/><xsl:text> </xsl:text><xsl:value-of select="@topic"/>
      </xsl:element>
      <xsl:call-template name="content"><xsl:with-param name="prefix" select="concat($number, '.')"/></xsl:call-template>
    </section>
  </xsl:template>

  <!-- Markup passes on the prefix of sections inside it: the schema puts none there, but the check only reports them. -->
  <xsl:template match="p|ul|ol|li|dl|dt|dd|em|strong|cite|dfn|br|table|tr|th|td|blockquote|span|div|acronym">
    <xsl:param name="prefix"/>
    <xsl:element name="{local-name()}">
      <xsl:copy-of select="@colspan|@rowspan|@start"/>
      <xsl:call-template name="content"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template>
    </xsl:element>
  </xsl:template>
  <xsl:template match="di"><xsl:param name="prefix"/><xsl:call-template name="content"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template></xsl:template>
  <xsl:template match="tt"><xsl:param name="prefix"/><code><xsl:call-template name="content"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template></code></xsl:template>
  <xsl:template match="link">
    <xsl:param name="prefix"/>
    <a><xsl:call-template name="safe-href"><xsl:with-param name="url" select="@url"/></xsl:call-template><xsl:call-template name="content"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template></a>
  </xsl:template>

  <!-- Only web, mail, XMPP and in-page links: a document must not bring scripts into the site. -->
  <xsl:template name="safe-href">
    <xsl:param name="url"/>
    <xsl:if test="starts-with($url, 'https://') or starts-with($url, 'http://') or starts-with($url, '#')
        or starts-with($url, 'mailto:') or starts-with($url, 'xmpp:')">
      <xsl:attribute name="href"><xsl:value-of select="$url"/></xsl:attribute>
    </xsl:if>
  </xsl:template>
  <xsl:template match="note"><xsl:param name="prefix"/><span class="note">[<xsl:call-template name="content"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template>]</span></xsl:template>
  <xsl:template match="img"><xsl:if test="starts-with(@src, 'https://') or starts-with(@src, 'http://')"><img src="{@src}" alt="{@alt}"/></xsl:if></xsl:template>
  <xsl:template match="example|code">
    <figure class="{local-name()}">
      <xsl:if test="@caption != ''"><figcaption><xsl:value-of select="@caption"/></figcaption></xsl:if>
      <pre><xsl:value-of select="."/></pre>
    </figure>
  </xsl:template>
  <xsl:template match="cve"><a><xsl:call-template name="safe-href"><xsl:with-param name="url" select="@url"/></xsl:call-template><xsl:value-of select="@id"/></a></xsl:template>
  <!-- Anything else: its text, never its markup. -->
  <xsl:template match="*"><xsl:param name="prefix"/><xsl:call-template name="content"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template></xsl:template>
</xsl:stylesheet>
