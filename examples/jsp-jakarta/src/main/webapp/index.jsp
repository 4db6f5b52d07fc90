<%@ page contentType="text/plain;charset=UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
Hello, <c:out value="${param.name}"/>
<c:forEach var="i" begin="1" end="3">[${i}]</c:forEach>
servlet <%= application.getMajorVersion() %>.<%= application.getMinorVersion() %>
